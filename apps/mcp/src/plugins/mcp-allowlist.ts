import { compileJsonSchema } from '@faxbot/mcp-plugin-sdk';
import { PluginSetupError } from './plugin-setup.error';
import { readJsonFile } from './read-json-file';

/** One approved plugin package, pinned to one exact version and tarball (the API's format). */
export interface AllowlistEntry {
  name: string;
  /** Exact version, never a range. */
  version: string;
  /** `sha512-<base64>` of the package tarball, as npm computes it. */
  integrity: string;
  id: string;
  kind: 'backend' | 'mcp';
  note?: string;
}

/** The content of `plugin-allowlist.json`, shared by the API (`kind: "backend"`) and the MCP server (`kind: "mcp"`). */
export interface Allowlist {
  version: 1;
  plugins: AllowlistEntry[];
}

// The same schema as the API's: one file serves both hosts.
const ALLOWLIST_SCHEMA = {
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
};

const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const checker = compileJsonSchema<Allowlist>(ALLOWLIST_SCHEMA, 'allowlist');

/** What a missing allowlist file means: only bundled (and, in dev mode, workspace) plugins load. */
export const EMPTY_ALLOWLIST: Allowlist = Object.freeze({ version: 1, plugins: [] }) as Allowlist;

/** Validates parsed allowlist content: the schema, exact versions, no `name@version` twice. */
export function parseAllowlist(value: unknown): { ok: true; allowlist: Allowlist } | { ok: false; reasons: string[] } {
  const checked = checker.check(value);
  if (!checked.ok) return { ok: false, reasons: checked.errors };
  const reasons: string[] = [];
  const seen = new Set<string>();
  checked.value.plugins.forEach((entry, index) => {
    if (!EXACT_VERSION.test(entry.version)) reasons.push(`allowlist.plugins.${index}.version: "${entry.version}" must be an exact version such as 1.2.3`);
    const key = `${entry.name}@${entry.version}`;
    if (seen.has(key)) reasons.push(`allowlist.plugins.${index}: ${key} is listed twice`);
    seen.add(key);
  });
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, allowlist: checked.value };
}

/**
 * Reads the allowlist. A missing file is an empty allowlist; a file that exists but cannot be read
 * or is invalid is an error, so a typo never silently changes what may load.
 *
 * @throws PluginSetupError `ALLOWLIST_UNREADABLE` or `ALLOWLIST_INVALID`.
 */
export async function loadAllowlist(path: string): Promise<Allowlist> {
  const value = await readJsonFile(path, { unreadable: 'ALLOWLIST_UNREADABLE', invalid: 'ALLOWLIST_INVALID' });
  if (value === undefined) return EMPTY_ALLOWLIST;
  const parsed = parseAllowlist(value);
  if (!parsed.ok) throw new PluginSetupError('ALLOWLIST_INVALID', path, parsed.reasons);
  return parsed.allowlist;
}
