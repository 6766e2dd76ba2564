import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDeps } from '@faxbot/plugin-sdk/testing';
import { startAmiSimulator, type AmiSimulator } from '@faxbot/provider-simulators';
import { createPlugin } from './index';
import { configFor, until } from './sip-asterisk.test-helpers';

let ami: AmiSimulator;
let root: string;
const stops: Array<() => Promise<void>> = [];

beforeEach(async () => {
  ami = await startAmiSimulator();
  root = mkdtempSync(join(tmpdir(), 'faxbot-sip-life-'));
});

afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  await ami.close();
  rmSync(root, { recursive: true, force: true });
});

async function started(overrides: Parameters<typeof configFor>[2] = {}) {
  const plugin = createPlugin();
  const deps = createTestDeps({ pluginId: 'sip', dataDir: join(root, 'data') });
  const config = configFor(ami, join(root, 'fax'), overrides);
  expect(await plugin.validateConfig(config)).toEqual({ ok: true });
  await plugin.start(config, deps);
  stops.push(() => plugin.stop());
  return { plugin, deps, config };
}

describe('sip plugin: lifecycle and health', () => {
  it('is healthy once logged in to AMI', async () => {
    const { plugin } = await started();
    await until(async () => (await plugin.health()).status === 'ok');
    expect(await plugin.health()).toEqual({ status: 'ok' });
  });

  it('is down with "AMI login failed" for a wrong password, and does not hammer Asterisk', async () => {
    const { plugin } = await started({ amiPassword: `wrong-${randomBytes(8).toString('hex')}` });
    await until(async () => (await plugin.health()).detail === 'AMI login failed');
    expect(await plugin.health()).toEqual({ status: 'down', detail: 'AMI login failed' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ami.failedLoginCount).toBe(1);
  });

  it('is down with the reason while Asterisk cannot be reached, without any secret in the detail', async () => {
    // Port 1 (tcpmux) is privileged and unused: connections are refused, and no other suite can take it.
    const { plugin, config } = await started({ amiPort: 1 });
    await until(async () => (await plugin.health()).detail?.startsWith('cannot reach AMI') === true);
    const health = await plugin.health();
    expect(health.status).toBe('down');
    expect(JSON.stringify(health)).not.toContain(config.amiPassword);
  });

  it('is down before start and after stop; stop is safe twice and before start', async () => {
    const plugin = createPlugin();
    await plugin.stop();
    expect(await plugin.health()).toEqual({ status: 'down', detail: 'not started' });
    const running = await started();
    await running.plugin.stop();
    await running.plugin.stop();
    expect(await running.plugin.health()).toEqual({ status: 'down', detail: 'not started' });
    await expect(running.plugin.getStatus({ jobId: 'j', providerSid: 'j' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    await until(() => ami.connectionCount === 0);
  });

  it('refuses the original default password and a relative fax folder before touching anything', async () => {
    const plugin = createPlugin();
    const config = configFor(ami, join(root, 'fax'));
    expect(await plugin.validateConfig({ ...config, amiPassword: 'changeme' })).toEqual({ ok: false, errors: [expect.stringContaining('config.amiPassword')] });
    expect(await plugin.validateConfig({ ...config, faxDir: 'fax' })).toEqual({ ok: false, errors: [expect.stringContaining('config.faxDir')] });
    await expect(plugin.start({ ...config, amiPassword: 'changeme' }, createTestDeps({ pluginId: 'sip' }))).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(ami.loginCount + ami.failedLoginCount).toBe(0);
  });

  it('answers only the inbound webhook path', async () => {
    const { plugin } = await started();
    const result = await plugin.handleWebhook({ method: 'POST', path: 'status', url: 'https://faxbot.test/webhooks/sip/status', headers: {}, query: {}, rawBody: Buffer.alloc(0) });
    expect(result).toEqual({ response: { status: 404, body: { detail: 'Unknown webhook' } } });
  });
});
