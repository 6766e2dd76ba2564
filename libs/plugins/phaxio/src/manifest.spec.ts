import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileConfigSchema, validateManifest } from '@faxbot/plugin-sdk';
import { DEFAULT_PHAXIO_CONFIG } from './phaxio-config';

const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  main: string;
  version: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  faxbot: { entry: string; configSchema: Record<string, unknown>; ui: { fieldOrder: string[] } };
};
const schema = packageJson.faxbot.configSchema;
const properties = schema['properties'] as Record<string, Record<string, unknown>>;
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('package.json faxbot manifest', () => {
  it('passes the SDK validation as an outbound and inbound backend plugin', () => {
    expect(validateManifest(packageJson.faxbot)).toEqual({
      ok: true,
      manifest: expect.objectContaining({ id: 'phaxio', kind: 'backend', apiVersion: 1, categories: ['outbound', 'inbound'], version: packageJson.version }),
    });
  });

  it('points at the built entry and takes the SDK as a peer only', () => {
    expect(packageJson.faxbot.entry).toBe('./dist/index.js');
    expect(packageJson.main).toBe(packageJson.faxbot.entry);
    expect(packageJson.peerDependencies['@faxbot/plugin-sdk']).toBe('^0.1.0');
    expect(Object.keys(packageJson.dependencies)).toEqual(['axios']);
  });

  it('compiles, and its defaults are the code defaults', () => {
    expect(compileConfigSchema(schema).check({})).toEqual({ ok: true, config: { ...DEFAULT_PHAXIO_CONFIG } });
  });

  it('marks the key, the secret and the webhook token as secrets', () => {
    expect(compileConfigSchema(schema).secretFields.sort()).toEqual(['apiKey', 'apiSecret', 'webhookToken']);
  });

  it("keeps the original Faxbot variable names, with the callback URL's alias in precedence order", () => {
    expect(compileConfigSchema(schema).envVariables).toEqual({
      apiKey: ['PHAXIO_API_KEY'],
      apiSecret: ['PHAXIO_API_SECRET'],
      webhookToken: ['PHAXIO_WEBHOOK_TOKEN', 'PHAXIO_CALLBACK_TOKEN'],
      baseUrl: ['PHAXIO_BASE_URL'],
      callbackUrl: ['PHAXIO_STATUS_CALLBACK_URL', 'PHAXIO_CALLBACK_URL'],
      verifySignature: ['PHAXIO_VERIFY_SIGNATURE'],
      inboundVerifySignature: ['PHAXIO_INBOUND_VERIFY_SIGNATURE'],
      documentDelivery: ['PHAXIO_DOCUMENT_DELIVERY'],
      requestTimeoutMs: ['PHAXIO_REQUEST_TIMEOUT_MS'],
      callerId: ['PHAXIO_CALLER_ID'],
      headerText: ['PHAXIO_HEADER_TEXT'],
      contentUrlTtlSeconds: ['PHAXIO_CONTENT_URL_TTL_SECONDS'],
    });
  });

  it('describes every field, gives every non-secret a default and lists every field in the form order', () => {
    for (const [name, property] of Object.entries(properties)) {
      expect(property).toEqual(expect.objectContaining({ description: expect.any(String) }));
      if (property['writeOnly'] !== true) expect({ name, hasDefault: 'default' in property }).toEqual({ name, hasDefault: true });
    }
    expect(packageJson.faxbot.ui.fieldOrder).toEqual(Object.keys(properties));
  });

  it.each([
    [{ extra: true }, 'unknown field "extra"'],
    [{ documentDelivery: 'email' }, 'config.documentDelivery'],
    [{ requestTimeoutMs: 10 }, 'config.requestTimeoutMs'],
    [{ headerText: 'x'.repeat(51) }, 'config.headerText'],
    [{ callerId: '555' }, 'config.callerId'],
    [{ verifySignature: 'yes' }, 'config.verifySignature'],
  ])('makes the host refuse %j', (input, reason) => {
    const result = compileConfigSchema(schema).check(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(reason);
  });

  it('is documented by the README: every variable, both webhook paths and the legacy endpoints', () => {
    for (const names of Object.values(compileConfigSchema(schema).envVariables)) for (const name of names) expect(readme).toContain(name);
    for (const text of ['/webhooks/phaxio/status', '/webhooks/phaxio/inbound', '/phaxio-callback', '/phaxio-inbound', 'X-Phaxio-Signature']) expect(readme).toContain(text);
  });
});
