import { randomBytes } from 'node:crypto';
import { checkSipAsteriskConfig } from './check-sip-asterisk-config';
import { DEFAULT_SIP_ASTERISK_CONFIG, type SipAsteriskConfig } from './sip-asterisk-config';

const valid: SipAsteriskConfig = { ...DEFAULT_SIP_ASTERISK_CONFIG, amiPassword: randomBytes(16).toString('hex') };

describe('checkSipAsteriskConfig', () => {
  it('accepts the defaults with a real password', () => {
    expect(checkSipAsteriskConfig(valid)).toEqual({ ok: true });
  });

  it.each([
    [{ amiPassword: 'changeme' }, 'config.amiPassword: the well-known default is refused'],
    [{ amiPassword: ' ChangeMe ' }, 'config.amiPassword: the well-known default is refused'],
    [{ amiPassword: '' }, 'config.amiPassword: required'],
    [{ faxDir: 'relative/fax' }, 'config.faxDir'],
    [{ reconnectMinMs: 60_000, reconnectMaxMs: 1000 }, 'config.reconnectMinMs'],
    [{ keepaliveIntervalMs: 5000, actionTimeoutMs: 10_000 }, 'config.keepaliveIntervalMs'],
    [{ headerText: 'Clinic, Inc.' }, 'config.headerText'],
    [{ stationId: '555-1234' }, 'config.stationId'],
  ] as Array<[Partial<SipAsteriskConfig>, string]>)('refuses %j', (change, message) => {
    const result = checkSipAsteriskConfig({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(message);
  });

  it('never repeats the password in its errors', () => {
    const result = checkSipAsteriskConfig({ ...valid, amiPassword: 'changeme', faxDir: 'x' });
    expect(JSON.stringify(result)).not.toContain('changeme');
  });
});
