import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { createLogger } from '@faxbot/audit';
import { loadConfig } from './config/app-config';
import { startGateway } from './server';
import { FAST_ENV } from './testing/test-gateway.test-helpers';
import { writeAllowlist, writeTempPlugins } from './testing/temp-plugins.test-helpers';

// An outbound plugin that leaves a marker file when it is started and another when it is stopped.
const MARKING_PLUGIN_JS = `
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
exports.createPlugin = () => ({
  validateConfig: async () => ({ ok: true }),
  start: async () => writeFileSync(join(__dirname, 'STARTED'), 'x'),
  stop: async () => writeFileSync(join(__dirname, 'STOPPED'), 'x'),
  health: async () => ({ status: 'ok' }),
  send: async ({ jobId }) => ({ providerSid: 'marker-' + jobId, status: 'SUCCESS', pages: 1 }),
  getStatus: async () => ({ status: 'SUCCESS' }),
});
`;

describe('startGateway when a late step fails', () => {
  let root: string;
  let dataDir: string;
  let taken: Server;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'faxbot-boot-'));
    dataDir = join(root, 'data');
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it('stops the plugins it had started when the port is taken, then rejects', async () => {
    const written = writeTempPlugins([
      {
        name: 'faxbot-plugin-marking',
        faxbot: { manifestVersion: 1, id: 'marking', kind: 'backend', apiVersion: 1, entry: './index.js', categories: ['outbound'], capabilities: ['send'] },
        files: { 'index.js': MARKING_PLUGIN_JS },
      },
    ]);
    const allowlist = writeAllowlist(written.root, [{ name: 'faxbot-plugin-marking', id: 'marking' }]);
    const pluginDir = join(written.nodeModules, 'faxbot-plugin-marking');
    const logger = createLogger({ level: 'error', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) });
    const config = loadConfig({
      ...FAST_ENV,
      FAX_DATA_DIR: dataDir,
      API_KEY: `test-${randomBytes(16).toString('hex')}`,
      HOST: '127.0.0.1',
      PORT: String((taken.address() as AddressInfo).port),
      FAX_BACKEND: 'marking',
      FAXBOT_PLUGIN_PATH: written.nodeModules,
      FAXBOT_ALLOWLIST_PATH: allowlist,
      FEATURE_V3_PLUGINS: 'true',
      FAXBOT_CONFIG_PATH: join(written.root, 'faxbot.config.json'),
    });
    try {
      await expect(startGateway(config, logger, { listen: true })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(existsSync(join(pluginDir, 'STARTED'))).toBe(true);
      expect(existsSync(join(pluginDir, 'STOPPED'))).toBe(true);
    } finally {
      rmSync(written.root, { recursive: true, force: true });
    }
  });
});
