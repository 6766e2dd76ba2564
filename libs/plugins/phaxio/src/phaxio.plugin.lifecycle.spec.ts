import { FaxbotError } from '@faxbot/plugin-sdk';
import { createTestDeps } from '@faxbot/plugin-sdk/testing';
import { createPlugin } from './index';
import { DEFAULT_PHAXIO_CONFIG, type PhaxioConfig } from './phaxio-config';

const CONFIG: PhaxioConfig = { ...DEFAULT_PHAXIO_CONFIG, apiKey: 'k-1234', apiSecret: 's-5678', webhookToken: 't-9012' };

describe('PhaxioPlugin lifecycle', () => {
  it('is made by createPlugin and validates without touching the network', async () => {
    const plugin = createPlugin();
    expect(await plugin.validateConfig(CONFIG)).toEqual({ ok: true });
    expect(await plugin.validateConfig({ ...CONFIG, webhookToken: '' })).toEqual({ ok: false, errors: [expect.stringContaining('PHAXIO_WEBHOOK_TOKEN'), expect.stringContaining('PHAXIO_WEBHOOK_TOKEN')] });
  });

  it('fills in defaults the host would have filled', async () => {
    const plugin = createPlugin();
    const partial = { apiKey: 'k', apiSecret: 's', webhookToken: 't' } as PhaxioConfig;
    expect(await plugin.validateConfig(partial)).toEqual({ ok: true });
  });

  it('refuses to start with an invalid configuration, without echoing secrets', async () => {
    const plugin = createPlugin();
    const error = await plugin.start({ ...CONFIG, baseUrl: 'http://api.phaxio.com' }, createTestDeps({ pluginId: 'phaxio' })).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe('CONFIG_INVALID');
    expect(String((error as Error).message)).not.toMatch(/k-1234|s-5678|t-9012/);
    await plugin.stop();
  });

  it('starts without calling Phaxio, reports ok, and stops twice harmlessly', async () => {
    const plugin = createPlugin();
    const deps = createTestDeps({ pluginId: 'phaxio' });
    expect(await plugin.health()).toEqual({ status: 'down', detail: 'not started' });
    // The base URL points nowhere: start must not need it.
    await plugin.start({ ...CONFIG, baseUrl: 'https://phaxio.invalid/v2.1' }, deps);
    expect(await plugin.health()).toEqual({ status: 'ok' });
    expect(deps.logLines).toEqual([expect.objectContaining({ level: 'info', message: 'phaxio provider ready' })]);
    expect(JSON.stringify(deps.logLines)).not.toMatch(/k-1234|s-5678|t-9012|phaxio\.invalid/);
    await plugin.stop();
    await plugin.stop();
    expect(await plugin.health()).toEqual({ status: 'down', detail: 'not started' });
  });
});
