/** One sample line of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A metric family: its HELP and TYPE lines and its samples (`_bucket`, `_sum`, `_count` included). */
export interface Family {
  help?: string;
  type?: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses the Prometheus text format (version 0.0.4) strictly: every line must be a HELP, TYPE or
 * comment line or a well-formed sample; TYPE must come before a family's samples and at most once;
 * samples of one family must be contiguous; histograms must have ascending cumulative buckets
 * ending in `le="+Inf"` equal to `_count`. Throws on the first violation, naming the line.
 */
export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const finished = new Set<string>();
  let current: string | undefined;
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const lines = text.split('\n').slice(0, -1);
  lines.forEach((line, index) => {
    const fail = (why: string): never => {
      throw new Error(`line ${index + 1} ${JSON.stringify(line)}: ${why}`);
    };
    if (line === '') return;
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!match) return; // a plain comment
      const [, keyword, name, rest] = match;
      if (!METRIC_NAME.test(name)) fail('bad metric name');
      const family = families.get(name) ?? { samples: [] };
      families.set(name, family);
      if (keyword === 'HELP') {
        if (family.help !== undefined) fail('second HELP');
        family.help = unescape(rest, false, fail);
      } else {
        if (family.type !== undefined) fail('second TYPE');
        if (family.samples.length > 0) fail('TYPE after samples');
        if (!TYPES.has(rest)) fail('unknown type');
        family.type = rest;
      }
      return;
    }
    const sample = parseSample(line, fail);
    const familyName = familyOf(sample.name, families);
    if (current !== familyName) {
      if (finished.has(familyName)) fail('samples of a family are not contiguous');
      if (current !== undefined) finished.add(current);
      current = familyName;
    }
    const family = families.get(familyName) ?? { samples: [] };
    families.set(familyName, family);
    family.samples.push(sample);
  });
  for (const [name, family] of families) if (family.type === 'histogram') checkHistogram(name, family);
  return families;
}

/** The value of the one sample named `name` whose labels include `labels`; `undefined` if none. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  const matches = [...families.values()]
    .flatMap((family) => family.samples)
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (matches.length > 1) throw new Error(`${matches.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return matches[0]?.value;
}

function parseSample(line: string, fail: (why: string) => never): Sample {
  const nameEnd = line.search(/[{ ]/);
  if (nameEnd <= 0) fail('no sample name');
  const name = line.slice(0, nameEnd);
  if (!METRIC_NAME.test(name)) fail('bad metric name');
  const labels: Record<string, string> = {};
  let position = nameEnd;
  if (line[position] === '{') {
    position += 1;
    while (line[position] !== '}') {
      const equals = line.indexOf('=', position);
      if (equals < 0) fail('label without =');
      const labelName = line.slice(position, equals);
      if (!LABEL_NAME.test(labelName)) fail(`bad label name ${labelName}`);
      if (labelName in labels) fail(`label ${labelName} twice`);
      if (line[equals + 1] !== '"') fail('label value not quoted');
      let end = equals + 2;
      let raw = '';
      while (line[end] !== '"') {
        if (end >= line.length) fail('unterminated label value');
        if (line[end] === '\\') {
          raw += line.slice(end, end + 2);
          end += 2;
        } else {
          raw += line[end];
          end += 1;
        }
      }
      labels[labelName] = unescape(raw, true, fail);
      position = end + 1;
      if (line[position] === ',') position += 1;
      else if (line[position] !== '}') fail('expected , or } after a label');
    }
    position += 1;
  }
  if (line[position] !== ' ') fail('no space before the value');
  const [valueText, timestamp, ...extra] = line.slice(position + 1).split(' ');
  if (extra.length > 0 || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) fail('unexpected text after the value');
  return { name, labels, value: parseValue(valueText, fail) };
}

// Values are read as Go's strconv.ParseFloat reads them, which matches NaN and Inf in any case
// (prom-client writes "Nan" for NaN).
function parseValue(text: string, fail: (why: string) => never): number {
  const special = text.toLowerCase();
  if (special === 'nan') return Number.NaN;
  if (/^[+-]?inf(inity)?$/.test(special)) return special.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (!FLOAT.test(text)) fail(`bad value ${text}`);
  return Number(text);
}

function unescape(text: string, quotes: boolean, fail: (why: string) => never): string {
  return text.replace(/\\(.)/g, (_all, next: string) => {
    if (next === '\\') return '\\';
    if (next === 'n') return '\n';
    if (next === '"' && quotes) return '"';
    return fail(`bad escape \\${next}`);
  });
}

/** The family a sample belongs to: `x_bucket`, `x_sum`, `x_count` of histogram or summary `x` belong to `x`. */
function familyOf(sampleName: string, families: Map<string, Family>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = sampleName.slice(0, -suffix.length);
    const type = families.get(base)?.type;
    if (type === 'histogram' || (type === 'summary' && suffix !== '_bucket')) return base;
  }
  return sampleName;
}

function checkHistogram(name: string, family: Family): void {
  const series = new Map<string, { buckets: Array<[number, number]>; count?: number; sum?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (sample.name === `${name}_bucket`) {
      if (le === undefined) throw new Error(`${name}: a bucket without le`);
      entry.buckets.push([parseValue(le, (why) => { throw new Error(`${name}: ${why}`); }), sample.value]);
    } else if (sample.name === `${name}_count`) entry.count = sample.value;
    else if (sample.name === `${name}_sum`) entry.sum = sample.value;
    else throw new Error(`${name}: unexpected sample ${sample.name}`);
  }
  for (const [key, entry] of series) {
    const { buckets, count, sum } = entry;
    if (count === undefined || sum === undefined) throw new Error(`${name} ${key}: no _count or _sum`);
    if (buckets.at(-1)?.[0] !== Number.POSITIVE_INFINITY) throw new Error(`${name} ${key}: no +Inf bucket`);
    if (buckets.at(-1)?.[1] !== count) throw new Error(`${name} ${key}: the +Inf bucket differs from _count`);
    buckets.forEach(([bound, value], i) => {
      if (i > 0 && (bound <= buckets[i - 1][0] || value < buckets[i - 1][1])) throw new Error(`${name} ${key}: buckets not ascending and cumulative`);
    });
  }
}

/** Scrapes `registry` and parses the body strictly; every test reads metrics through this. */
export async function scrape(registry: { metricsText(): Promise<{ body: string }> }): Promise<Map<string, Family>> {
  return parsePrometheusText((await registry.metricsText()).body);
}

/** The error code `action` throws; fails the test when it does not throw. */
export function thrownCode(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  throw new Error('expected an error, but the call succeeded');
}
