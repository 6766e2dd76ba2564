import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileConfigSchema, validateManifest } from '@faxbot/plugin-sdk';
import { DEFAULT_SIP_ASTERISK_CONFIG } from './sip-asterisk-config';

const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  main: string;
  peerDependencies: Record<string, string>;
  dependencies?: Record<string, string>;
  faxbot: { entry: string; configSchema: Record<string, unknown> };
};
const schema = packageJson.faxbot.configSchema;
const properties = schema['properties'] as Record<string, Record<string, unknown>>;
const checker = compileConfigSchema(schema);

describe('package.json faxbot manifest', () => {
  it('passes the SDK validation as the `sip` backend, outbound and inbound', () => {
    expect(validateManifest(packageJson.faxbot)).toEqual({
      ok: true,
      manifest: expect.objectContaining({ id: 'sip', kind: 'backend', apiVersion: 1, categories: ['outbound', 'inbound'] }),
    });
  });

  it('points at the built entry and takes the SDK as a peer only', () => {
    expect(packageJson.faxbot.entry).toBe('./dist/index.js');
    expect(packageJson.main).toBe(packageJson.faxbot.entry);
    expect(packageJson.peerDependencies['@faxbot/plugin-sdk']).toBe('^0.1.0');
    expect(packageJson.dependencies?.['@faxbot/plugin-sdk']).toBeUndefined();
  });

  it('declares the same defaults as the code, and needs only the AMI password', () => {
    expect(checker.check({ amiPassword: 'x' })).toEqual({ ok: true, config: { ...DEFAULT_SIP_ASTERISK_CONFIG, amiPassword: 'x' } });
    expect(checker.check({})).toEqual({ ok: false, errors: [expect.stringContaining('amiPassword')] });
  });

  it('marks the AMI password and the inbound secret as secrets', () => {
    expect(checker.secretFields.sort()).toEqual(['amiPassword', 'inboundSecret']);
  });

  it('keeps the original environment variable names', () => {
    expect(checker.envVariables).toEqual({
      amiHost: ['ASTERISK_AMI_HOST'],
      amiPort: ['ASTERISK_AMI_PORT'],
      amiUsername: ['ASTERISK_AMI_USERNAME'],
      amiPassword: ['ASTERISK_AMI_PASSWORD'],
      inboundSecret: ['ASTERISK_INBOUND_SECRET'],
      faxDir: ['ASTERISK_FAX_DIR'],
      stationId: ['ASTERISK_STATION_ID', 'FAX_LOCAL_STATION_ID'],
      headerText: ['ASTERISK_FAX_HEADER', 'FAX_HEADER'],
      originateTimeoutMs: ['ASTERISK_ORIGINATE_TIMEOUT_MS'],
      actionTimeoutMs: ['ASTERISK_AMI_ACTION_TIMEOUT_MS'],
      keepaliveIntervalMs: ['ASTERISK_AMI_KEEPALIVE_MS'],
      reconnectMinMs: ['ASTERISK_AMI_RECONNECT_MIN_MS'],
      reconnectMaxMs: ['ASTERISK_AMI_RECONNECT_MAX_MS'],
      authRetryMs: ['ASTERISK_AMI_AUTH_RETRY_MS'],
      resultTimeoutMs: ['ASTERISK_RESULT_TIMEOUT_MS'],
    });
  });

  it('describes every field, with a default for every field but the password', () => {
    for (const [name, property] of Object.entries(properties)) {
      expect(property).toEqual(expect.objectContaining({ description: expect.any(String) }));
      if (name !== 'amiPassword') expect(property).toHaveProperty('default');
    }
  });

  it.each([
    [{ amiPassword: 'x', extra: true }, 'unknown field "extra"'],
    [{ amiPassword: 'x', amiPort: 70_000 }, 'config.amiPort'],
    [{ amiPassword: 'x', amiPort: '5038' }, 'config.amiPort'],
    [{ amiPassword: 'x', headerText: 'A, B' }, 'config.headerText'],
    [{ amiPassword: 'x', stationId: 'call me' }, 'config.stationId'],
    [{ amiPassword: 'x', originateTimeoutMs: 10 }, 'config.originateTimeoutMs'],
  ])('makes the host refuse %j', (input, reason) => {
    const result = checker.check(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(reason);
  });

  it('is described by the README: every variable', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const name of Object.values(checker.envVariables).flat()) expect(readme).toContain(name);
  });
});
