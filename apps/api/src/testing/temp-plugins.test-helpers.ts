import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A plugin package the tests write to disk: package.json fields plus files. */
export interface TempPluginSpec {
  name: string;
  version?: string;
  faxbot: Record<string, unknown>;
  peerDependencies?: Record<string, string>;
  files?: Record<string, string>;
}

/** An outbound plugin as plain JavaScript: accepts every fax and reports SUCCESS; logs its config keys. */
export const GOOD_PLUGIN_JS = `
exports.createPlugin = () => {
  let deps;
  return {
    validateConfig: async (config) => (config.region === 'mars' ? { ok: false, errors: ['region mars is not served'] } : { ok: true }),
    start: async (config, d) => { deps = d; deps.logger.info('started', { keys: Object.keys(config) }); },
    stop: async () => undefined,
    health: async () => ({ status: 'ok' }),
    send: async ({ jobId }) => ({ providerSid: 'good-' + jobId, status: 'SUCCESS', pages: 1 }),
    getStatus: async () => ({ status: 'SUCCESS' }),
  };
};
`;

/** An outbound plugin whose start() rejects. */
export const THROWING_PLUGIN_JS = `
exports.createPlugin = () => ({
  validateConfig: async () => ({ ok: true }),
  start: async () => { throw new Error('provider login refused'); },
  stop: async () => undefined,
  send: async () => { throw new Error('unreachable'); },
  getStatus: async () => ({ status: 'in_progress' }),
});
`;

/** An outbound plugin whose start() never settles. */
export const HANGING_PLUGIN_JS = `
exports.createPlugin = () => ({
  validateConfig: async () => ({ ok: true }),
  start: () => new Promise(() => undefined),
  stop: async () => undefined,
  send: async () => { throw new Error('unreachable'); },
  getStatus: async () => ({ status: 'in_progress' }),
});
`;

/** An outbound plugin that kills its own process shortly after every start: a crash loop. */
export const CRASH_LOOP_PLUGIN_JS = GOOD_PLUGIN_JS.replace("start: async (config, d) => {", "start: async (config, d) => { setTimeout(() => process.exit(3), 30);");

/** An outbound plugin that works but reports itself degraded. */
export const DEGRADED_PLUGIN_JS = GOOD_PLUGIN_JS.replace("health: async () => ({ status: 'ok' })", "health: async () => ({ status: 'degraded', detail: 'provider slow' })");

/**
 * Writes plugin packages into `<root>/node_modules` (installed packages, so the allowlist gate
 * applies) and returns the root. Each package gets an `index.js` entry unless files say otherwise.
 */
export function writeTempPlugins(specs: TempPluginSpec[]): { root: string; nodeModules: string } {
  const root = mkdtempSync(join(tmpdir(), 'faxbot-plugins-'));
  const nodeModules = join(root, 'node_modules');
  for (const spec of specs) {
    const dir = join(nodeModules, ...spec.name.split('/'));
    mkdirSync(dir, { recursive: true });
    const pkg = {
      name: spec.name,
      version: spec.version ?? '1.0.0',
      main: 'index.js',
      peerDependencies: spec.peerDependencies ?? { '@faxbot/plugin-sdk': '^0.1.0' },
      faxbot: spec.faxbot,
    };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
    for (const [file, content] of Object.entries(spec.files ?? { 'index.js': GOOD_PLUGIN_JS })) writeFileSync(join(dir, file), content);
  }
  return { root, nodeModules };
}

/** Writes an allowlist pinning the given packages (integrity is checked only against a lockfile). */
export function writeAllowlist(root: string, entries: Array<{ name: string; version?: string; id: string }>): string {
  const path = join(root, 'plugin-allowlist.json');
  const plugins = entries.map((entry) => ({
    name: entry.name,
    version: entry.version ?? '1.0.0',
    integrity: `sha512-${Buffer.alloc(64, 7).toString('base64')}`,
    id: entry.id,
    kind: 'backend',
  }));
  writeFileSync(path, JSON.stringify({ version: 1, plugins }, null, 2));
  return path;
}
