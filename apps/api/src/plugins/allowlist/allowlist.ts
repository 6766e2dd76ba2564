import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import semver from 'semver';
import { describeAjvErrors } from '@faxbot/plugin-sdk';
import { AllowlistError } from './allowlist.error';

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
  kind: 'backend' | 'mcp';
  /** Free text for reviewers: ticket, who approved, why. */
  note?: string;
}

/** The content of `plugin-allowlist.json`. */
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

const ajv = new Ajv({ strict: true, allErrors: true });
const checkAllowlist = ajv.compile(ALLOWLIST_SCHEMA);

/**
 * Validates parsed allowlist content: the schema, then what a schema cannot say (versions are
 * exact semver, no name@version twice). Returns the typed allowlist or every reason it is wrong.
 */
export function parseAllowlist(value: unknown): { ok: true; allowlist: Allowlist } | { ok: false; reasons: string[] } {
  if (!checkAllowlist(value)) return { ok: false, reasons: describeAjvErrors(checkAllowlist.errors, 'allowlist') };
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

/**
 * Reads `plugin-allowlist.json`. A missing file is an empty allowlist (only bundled plugins load);
 * a file that exists but is unreadable or invalid is an error, never silently empty, because an
 * allowlist that quietly allows nothing hides the mistake and one that allows everything is worse.
 *
 * @throws AllowlistError `ALLOWLIST_UNREADABLE` or `ALLOWLIST_INVALID`, with every reason.
 */
export async function loadAllowlist(path: string): Promise<Allowlist> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_ALLOWLIST;
    throw new AllowlistError('ALLOWLIST_UNREADABLE', path, [(error as Error).message], { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AllowlistError('ALLOWLIST_INVALID', path, [`not valid JSON: ${(error as Error).message}`], { cause: error });
  }
  const parsed = parseAllowlist(value);
  if (!parsed.ok) throw new AllowlistError('ALLOWLIST_INVALID', path, parsed.reasons);
  return parsed.allowlist;
}

/** The allowlist entry for exactly `name@version`, if any. */
export function findAllowlistEntry(allowlist: Allowlist, name: string, version: string): AllowlistEntry | undefined {
  return allowlist.plugins.find((entry) => entry.name === name && entry.version === version);
}
