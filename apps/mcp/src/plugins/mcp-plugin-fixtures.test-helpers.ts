import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixture plugin package written to disk: plain CommonJS, no build, no SDK import. */
export interface FixturePlugin {
  packageName: string;
  id: string;
  version?: string;
  apiVersion?: number;
  configSchema?: Record<string, unknown>;
  tools?: Array<Record<string, unknown>>;
  /** The body of index.js; default {@link FLAKY_PLUGIN_SOURCE}. */
  source?: string;
}

/** Tools of the default fixture: one that works and one for each way a tool can go wrong. */
export const FLAKY_TOOLS = [
  { name: 'echo', description: 'Echoes text back', inputSchema: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', maxLength: 100 } } }, outputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } }, annotations: { readOnlyHint: true } },
  { name: 'throws', description: 'Always throws', inputSchema: { type: 'object', properties: { number: { type: 'string' } } } },
  { name: 'hangs', description: 'Never answers', inputSchema: { type: 'object' } },
  { name: 'bad_output', description: 'Breaks its output schema', inputSchema: { type: 'object' }, outputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } },
  { name: 'refuses', description: 'Refuses with a plugin error', inputSchema: { type: 'object' } },
];

/** A plugin that misbehaves on purpose. Its thrown message holds a phone number, which must never reach a log. */
export const FLAKY_PLUGIN_SOURCE = `
const BRAND = Symbol.for('faxbot.McpPluginError');
exports.createPlugin = () => ({
  start(context) { context.logger.info('flaky started', { greeting: context.config.greeting }); },
  callTool(name, args) {
    if (name === 'echo') return { text: args.text };
    if (name === 'throws') throw new Error('exploded while dialling ' + args.number);
    if (name === 'hangs') return new Promise(() => {});
    if (name === 'bad_output') return { nope: true };
    const refusal = new Error('say it differently');
    refusal.code = 'INVALID_ARGUMENT';
    refusal[BRAND] = true;
    throw refusal;
  },
});
`;

/** Writes a fixture plugin package into `root` (a node_modules-like folder); returns its folder. */
export function writeFixturePlugin(root: string, plugin: FixturePlugin): string {
  const dir = join(root, ...plugin.packageName.split('/'));
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifestVersion: 1,
    id: plugin.id,
    kind: 'mcp',
    apiVersion: plugin.apiVersion ?? 1,
    entry: './index.js',
    name: `Fixture ${plugin.id}`,
    description: 'A test fixture',
    tools: plugin.tools ?? FLAKY_TOOLS,
    ...(plugin.configSchema ? { configSchema: plugin.configSchema } : {}),
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: plugin.packageName, version: plugin.version ?? '1.0.0', faxbot: manifest }));
  writeFileSync(join(dir, 'index.js'), plugin.source ?? FLAKY_PLUGIN_SOURCE);
  return dir;
}

/** A well-formed sha512 integrity of random bytes (no real tarball behind it). */
export function randomIntegrity(): string {
  return `sha512-${randomBytes(64).toString('base64')}`;
}

/** Writes an allowlist pinning the given packages as `kind: "mcp"`. */
export function writeAllowlist(path: string, entries: Array<{ name: string; id: string; version?: string; integrity?: string; kind?: string }>): void {
  const plugins = entries.map((entry) => ({ name: entry.name, version: entry.version ?? '1.0.0', integrity: entry.integrity ?? randomIntegrity(), id: entry.id, kind: entry.kind ?? 'mcp' }));
  writeFileSync(path, JSON.stringify({ version: 1, plugins }));
}

/** Writes an `mcp-plugins.json`. */
export function writePluginsFile(path: string, plugins: Record<string, { enabled: boolean; config?: Record<string, unknown>; timeoutMs?: number }>): void {
  writeFileSync(path, JSON.stringify({ version: 1, plugins }));
}
