import type { PluginManifest } from '@faxbot/plugin-sdk';
import { resolvePluginConfig } from './plugin-config.resolver';

const manifest: PluginManifest = {
  manifestVersion: 1,
  id: 'acme',
  kind: 'backend',
  apiVersion: 1,
  entry: './index.js',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      apiKey: { type: 'string', writeOnly: true, 'x-env': 'ACME_API_KEY' },
      delayMs: { type: 'integer', minimum: 0, default: 100, 'x-env': 'ACME_DELAY_MS' },
      verify: { type: 'boolean', default: true, 'x-env': 'ACME_VERIFY' },
      region: { type: 'string', default: 'us' },
    },
    required: ['apiKey'],
  },
};

describe('resolvePluginConfig', () => {
  it('maps x-env variables onto fields, coerced to the schema type, over the defaults', () => {
    const result = resolvePluginConfig(manifest, { ACME_API_KEY: 'k', ACME_DELAY_MS: ' 250 ', ACME_VERIFY: 'off', REGION: 'eu' });
    expect(result).toEqual({ ok: true, config: { apiKey: 'k', delayMs: 250, verify: false, region: 'us' } });
  });

  it('treats an empty variable as unset so the default applies', () => {
    const result = resolvePluginConfig(manifest, { ACME_API_KEY: 'k', ACME_DELAY_MS: '' });
    expect(result).toEqual({ ok: true, config: { apiKey: 'k', delayMs: 100, verify: true, region: 'us' } });
  });

  it.each([
    [{ ACME_API_KEY: 'k', ACME_VERIFY: 'flase' }, 'config.verify'],
    [{ ACME_API_KEY: 'k', ACME_DELAY_MS: 'soon' }, 'config.delayMs'],
    [{ ACME_API_KEY: 'k', ACME_DELAY_MS: '-5' }, 'config.delayMs'],
    [{}, 'missing required field "apiKey"'],
  ])('refuses %j naming the field', (env, reason) => {
    const result = resolvePluginConfig(manifest, env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(reason);
  });

  it('accepts a plugin without a config schema', () => {
    const { configSchema: _omitted, ...bare } = manifest;
    expect(resolvePluginConfig(bare, {})).toEqual({ ok: true, config: {} });
  });
});
