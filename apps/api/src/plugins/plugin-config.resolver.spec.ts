import type { ResolvedPluginManifest } from '@faxbot/plugin-sdk';
import { resolvePluginConfig } from './plugin-config.resolver';

const manifest: ResolvedPluginManifest = {
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
    const result = resolvePluginConfig(manifest, { ACME_API_KEY: 'k', ACME_DELAY_MS: ' 250 ', ACME_VERIFY: 'off', REGION: 'eu' }).check;
    expect(result).toEqual({ ok: true, config: { apiKey: 'k', delayMs: 250, verify: false, region: 'us' } });
  });

  it('treats an empty variable as unset so the default applies', () => {
    const result = resolvePluginConfig(manifest, { ACME_API_KEY: 'k', ACME_DELAY_MS: '' }).check;
    expect(result).toEqual({ ok: true, config: { apiKey: 'k', delayMs: 100, verify: true, region: 'us' } });
  });

  it.each([
    [{ ACME_API_KEY: 'k', ACME_VERIFY: 'flase' }, 'config.verify'],
    [{ ACME_API_KEY: 'k', ACME_DELAY_MS: 'soon' }, 'config.delayMs'],
    [{ ACME_API_KEY: 'k', ACME_DELAY_MS: '-5' }, 'config.delayMs'],
    [{}, 'missing required field "apiKey"'],
  ])('refuses %j naming the field', (env, reason) => {
    const result = resolvePluginConfig(manifest, env).check;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(reason);
  });

  it('layers defaults < stored settings < environment, reporting sources and locked fields', () => {
    const resolved = resolvePluginConfig(manifest, { ACME_DELAY_MS: '900' }, { apiKey: 'stored-key', delayMs: 5, region: 'eu' });
    expect(resolved.check).toEqual({ ok: true, config: { apiKey: 'stored-key', delayMs: 900, verify: true, region: 'eu' } });
    expect(resolved.locked).toEqual(['delayMs']);
    expect(resolved.sources).toEqual({ apiKey: 'store', delayMs: 'env', verify: 'default', region: 'store' });
  });

  it('accepts a plugin without a config schema', () => {
    const { configSchema: _omitted, ...bare } = manifest;
    expect(resolvePluginConfig(bare, {}).check).toEqual({ ok: true, config: {} });
  });
});
