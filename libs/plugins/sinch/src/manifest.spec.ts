import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileConfigSchema, validateManifest } from '@faxbot/plugin-sdk';
import { DEFAULT_SINCH_CONFIG } from './sinch-config';

const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  main: string;
  version: string;
  faxbot: { entry: string; version: string; configSchema: Record<string, unknown> };
};
const schema = packageJson.faxbot.configSchema;
const properties = schema['properties'] as Record<string, Record<string, unknown>>;
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('package.json faxbot manifest', () => {
  it('passes the SDK validation as an outbound and inbound backend', () => {
    expect(validateManifest(packageJson.faxbot)).toEqual({
      ok: true,
      manifest: expect.objectContaining({ id: 'sinch', kind: 'backend', apiVersion: 1, categories: ['outbound', 'inbound'] }),
    });
  });

  it('points at the built entry and carries the package version', () => {
    expect(packageJson.faxbot.entry).toBe('./dist/index.js');
    expect(packageJson.main).toBe(packageJson.faxbot.entry);
    expect(packageJson.faxbot.version).toBe(packageJson.version);
  });

  it('compiles with the SDK and declares the same defaults as the code', () => {
    expect(compileConfigSchema(schema).check({})).toEqual({ ok: true, config: { ...DEFAULT_SINCH_CONFIG } });
  });

  it('keeps the original environment names, with the Phaxio fallbacks in order', () => {
    expect(compileConfigSchema(schema).envVariables).toEqual({
      projectId: ['SINCH_PROJECT_ID'],
      apiKey: ['SINCH_API_KEY', 'PHAXIO_API_KEY'],
      apiSecret: ['SINCH_API_SECRET', 'PHAXIO_API_SECRET'],
      baseUrl: ['SINCH_BASE_URL'],
      authMethod: ['SINCH_AUTH_METHOD'],
      authUrl: ['SINCH_AUTH_URL'],
      fromNumber: ['SINCH_FROM_NUMBER'],
      serviceId: ['SINCH_SERVICE_ID'],
      documentDelivery: ['SINCH_DOCUMENT_DELIVERY'],
      contentUrlTtlSeconds: ['SINCH_CONTENT_URL_TTL_SECONDS'],
      requestTimeoutMs: ['SINCH_REQUEST_TIMEOUT_MS'],
      inboundBasicUser: ['SINCH_INBOUND_BASIC_USER'],
      inboundBasicPass: ['SINCH_INBOUND_BASIC_PASS'],
      inboundHmacSecret: ['SINCH_INBOUND_HMAC_SECRET'],
      allowUnauthenticatedCallbacks: ['SINCH_ALLOW_UNAUTHENTICATED_CALLBACKS'],
    });
  });

  it('marks the secrets write-only and describes every field with a default', () => {
    expect(compileConfigSchema(schema).secretFields).toEqual(['apiSecret', 'inboundBasicPass', 'inboundHmacSecret']);
    for (const property of Object.values(properties)) {
      expect(property).toEqual(expect.objectContaining({ default: expect.anything(), description: expect.any(String) }));
    }
  });

  it.each([
    [{ extra: true }, 'unknown field "extra"'],
    [{ authMethod: 'token' }, 'config.authMethod'],
    [{ documentDelivery: 'fax' }, 'config.documentDelivery'],
    [{ fromNumber: '5551234' }, 'config.fromNumber'],
    [{ requestTimeoutMs: 10 }, 'config.requestTimeoutMs'],
    [{ inboundBasicUser: 'a:b' }, 'config.inboundBasicUser'],
    [{ allowUnauthenticatedCallbacks: 'yes' }, 'config.allowUnauthenticatedCallbacks'],
  ])('makes the host refuse %j', (input, reason) => {
    const result = compileConfigSchema(schema).check(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(reason);
  });

  it('is described by the README: every variable and the callback URLs', () => {
    for (const names of Object.values(compileConfigSchema(schema).envVariables)) for (const name of names) expect(readme).toContain(`\`${name}\``);
    for (const path of ['/webhooks/sinch/status', '/webhooks/sinch/inbound', '/sinch-inbound']) expect(readme).toContain(path);
    expect(readme).toContain('SINCH_INBOUND_VERIFY_SIGNATURE');
  });
});
