import Ajv from 'ajv';
import semver from 'semver';
import { describeSchemaErrors } from './describe-schema-errors';
import { readJsonFile } from './json-file';

/** The two plugin hosts: the API loads `backend` plugins, the MCP server `mcp` plugins. */
export type PluginKind = 'backend' | 'mcp';

/** One approved plugin package, pinned to one exact version and tarball. */
export interface AllowlistEntry {
  /** npm package name, e.g. `@acme/faxbot-provider-sinch`. */
  name: string;
  /** Exact version (`2.3.1`), never a range. */
  version: string;
  /** `sha512-<base64>` of the package tarball, as npm computes it (`dist.integrity`). */
  integrity: string;
  /** The manifest id the package must declare. */
  id: string;
  /** Which host may load it. */
  kind: PluginKind;
  /** Free text for reviewers: ticket, who approved, why. */
  note?: string;
}

/** The content of `plugin-allowlist.json`; one file serves both hosts. */
export interface Allowlist {
  version: 1;
  plugins: AllowlistEntry[];
}

/** What a missing allowlist file means: nothing outside the bundled plugins may load. */
export const EMPTY_ALLOWLIST: Allowlist = Object.freeze({ version: 1, plugins: [] }) as Allowlist;

/** JSON Schema (draft-07) of `plugin-allowlist.json`; unknown keys are refused so typos fail loudly. */
export const ALLOWLIST_SCHEMA = {
  $id: 'urn:faxbot:plugin-allowlist:v1',
  type: 'object',
  required: ['version', 'plugins'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    version: { const: 1 },
    plugins: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'version', 'integrity', 'id', 'kind'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', maxLength: 214, pattern: '^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$' },
          version: { type: 'string', minLength: 1, maxLength: 256 },
          integrity: { type: 'string', pattern: '^sha512-[A-Za-z0-9+/]{86}==$' },
          id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' },
          kind: { type: 'string', enum: ['backend', 'mcp'] },
          note: { type: 'string', maxLength: 2000 },
        },
      },
    },
  },
} as const;

const checkAllowlist = new Ajv({ strict: true, allErrors: true }).compile(ALLOWLIST_SCHEMA);

/** Outcome of {@link parseAllowlist}. */
export type AllowlistParse = { ok: true; allowlist: Allowlist } | { ok: false; reasons: string[] };

/**
 * Validates parsed allowlist content: the schema, then what a schema cannot say (versions are
 * exact semver, no name@version twice). Returns the typed allowlist or every reason it is wrong.
 *
 * @example
 * parseAllowlist({ version: 1, plugins: [] }); // { ok: true, allowlist: { version: 1, plugins: [] } }
 */
export function parseAllowlist(value: unknown): AllowlistParse {
  if (!checkAllowlist(value)) return { ok: false, reasons: describeSchemaErrors(checkAllowlist.errors, 'allowlist') };
  const allowlist = value as unknown as Allowlist;
  const reasons: string[] = [];
  const seen = new Set<string>();
  allowlist.plugins.forEach((entry, index) => {
    if (semver.valid(entry.version) !== entry.version) {
      reasons.push(`allowlist.plugins.${index}.version: "${entry.version}" must be an exact version such as 1.2.3, not a range or tag`);
    }
    const key = `${entry.name}@${entry.version}`;
    if (seen.has(key)) reasons.push(`allowlist.plugins.${index}: ${key} is listed twice`);
    seen.add(key);
  });
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, allowlist };
}

/** Outcome of {@link readAllowlistFile}: the allowlist, or why the file cannot be used. */
export type AllowlistRead = { ok: true; allowlist: Allowlist } | { ok: false; problem: 'unreadable' | 'invalid'; reasons: string[]; cause?: unknown };

/**
 * Reads `plugin-allowlist.json`. A missing file is {@link EMPTY_ALLOWLIST}; a file that exists but
 * is unreadable or invalid is a problem with every reason, never silently empty: an allowlist that
 * quietly allows nothing hides the mistake, and one that allows everything is worse. Each host
 * turns a problem into its own error.
 *
 * @example
 * const read = await readAllowlistFile(path);
 * if (!read.ok) throw new AllowlistError(read.problem === 'unreadable' ? 'ALLOWLIST_UNREADABLE' : 'ALLOWLIST_INVALID', path, read.reasons);
 */
export async function readAllowlistFile(path: string): Promise<AllowlistRead> {
  const read = await readJsonFile(path);
  if (read.state === 'missing') return { ok: true, allowlist: EMPTY_ALLOWLIST };
  if (read.state !== 'ok') return { ok: false, problem: read.state, reasons: [read.reason], cause: read.cause };
  const parsed = parseAllowlist(read.value);
  return parsed.ok ? parsed : { ok: false, problem: 'invalid', reasons: parsed.reasons };
}

/** The allowlist entry for exactly `name@version`, if any. */
export function findAllowlistEntry(allowlist: Allowlist, name: string, version: string): AllowlistEntry | undefined {
  return allowlist.plugins.find((entry) => entry.name === name && entry.version === version);
}
