import { randomBytes } from 'node:crypto';
import { SipHarness, until, WAIT_MS } from './sip-asterisk.test-helpers';

let harness: SipHarness;

beforeAll(async () => {
  harness = await SipHarness.start();
});

afterAll(async () => {
  await harness.dispose();
});

describe('sip plugin: logs without PHI or secrets', () => {
  it('logs a busy line, a delivery, a refusal, a reconnect, a failed login and an inbound fax without any number in full or any secret', async () => {
    const numbers = Object.values(harness.ami.numbers);
    for (const number of [harness.ami.numbers.delivered, harness.ami.numbers.busy, harness.ami.numbers.hangupBeforeFax]) {
      const sent = await harness.send(number);
      await harness.deps.waitForStatus((update) => update.providerSid === sent.jobId, WAIT_MS);
    }
    harness.ami.failNextOriginate('permission_denied');
    await harness.send(harness.ami.numbers.delivered).catch(() => undefined);
    const path = harness.writeInbound('in-log.tiff');
    await harness.plugin.handleWebhook(harness.inboundRequest({ tiff_path: path, to_number: '+12025550177', from_number: '+12025550178' }));
    await harness.plugin.handleWebhook(harness.inboundRequest({ tiff_path: path, to_number: '+12025550177' }, 'wrong'));
    const logins = harness.ami.loginCount;
    harness.ami.dropConnections();
    await until(() => harness.ami.loginCount > logins);
    const lines = [...harness.deps.logLines];

    // A refused login must not put the secret it tried into the log either.
    const rightPassword = harness.config.amiPassword;
    const wrongPassword = `wrong-${randomBytes(8).toString('hex')}`;
    await harness.restart({ amiPassword: wrongPassword });
    await until(async () => (await harness.plugin.health()).detail === 'AMI login failed');
    lines.push(...harness.deps.logLines);
    await harness.restart({ amiPassword: rightPassword });

    const log = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(5);
    for (const number of [...numbers, '+12025550177', '+12025550178']) {
      const digits = number.replace(/\D/g, '');
      expect(log).not.toContain(digits);
      expect(log).not.toContain(digits.slice(-10));
    }
    for (const secret of [rightPassword, wrongPassword, harness.config.inboundSecret]) expect(log).not.toContain(secret);
    expect(log).not.toContain(harness.faxDir);
    expect(log).not.toContain('II*');
    expect(log).toContain('***0101');
    expect(log).toContain('AMI connection lost');
  });
});
