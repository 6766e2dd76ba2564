import { SipHarness, until, WAIT_MS } from './sip-asterisk.test-helpers';

let harness: SipHarness;

beforeEach(async () => {
  harness = await SipHarness.start();
});

afterEach(async () => {
  await harness.dispose();
});

const originatesOf = (jobId: string) => harness.ami.originates.filter((originate) => originate.jobId === jobId);

describe('sip plugin: never two calls for one key', () => {
  it('returns the first call for a repeated key', async () => {
    const options = harness.options(harness.ami.numbers.slow);
    const first = await harness.plugin.send(options);
    const again = await harness.plugin.send(options);
    expect(again).toEqual(first);
    expect(originatesOf(options.jobId)).toHaveLength(1);
  });

  it('places one call for concurrent sends with one key', async () => {
    const options = harness.options(harness.ami.numbers.slow);
    const results = await Promise.all([harness.plugin.send(options), harness.plugin.send(options), harness.plugin.send(options)]);
    expect(new Set(results.map((result) => result.providerSid)).size).toBe(1);
    expect(originatesOf(options.jobId)).toHaveLength(1);
  });

  it('remembers keys and results across a restart', async () => {
    const options = harness.options(harness.ami.numbers.delivered);
    await harness.plugin.send(options);
    await harness.deps.waitForStatus((update) => update.providerSid === options.jobId, WAIT_MS);
    await harness.restart();
    await harness.loggedIn();
    expect(await harness.plugin.send(options)).toEqual({ providerSid: options.jobId, status: 'SUCCESS', pages: 1 });
    expect(await harness.plugin.getStatus({ jobId: options.jobId, providerSid: options.jobId })).toEqual({ status: 'SUCCESS', pages: 1 });
    expect(originatesOf(options.jobId)).toHaveLength(1);
  });

  it('keeps following a call placed before a restart', async () => {
    const options = harness.options(harness.ami.numbers.slow);
    await harness.plugin.send(options);
    await harness.restart();
    await harness.loggedIn();
    expect(await harness.plugin.getStatus({ jobId: options.jobId, providerSid: options.jobId })).toEqual({ status: 'in_progress', pages: 1 });
    // The new instance still knows the call's channel id, so it can hang it up.
    await harness.plugin.cancel({ jobId: options.jobId, providerSid: options.jobId });
    expect(harness.ami.originateFor(options.jobId)?.hungUp).toBe(true);
  });

  it('joins the live call of the job when a new key arrives, and returns a finished result as it is', async () => {
    const slow = harness.options(harness.ami.numbers.slow);
    await harness.plugin.send(slow);
    expect(await harness.plugin.send({ ...slow, idempotencyKey: `${slow.jobId}-2` })).toEqual({ providerSid: slow.jobId, status: 'in_progress', pages: 1 });
    expect(originatesOf(slow.jobId)).toHaveLength(1);

    const done = harness.options(harness.ami.numbers.delivered);
    await harness.plugin.send(done);
    await harness.deps.waitForStatus((update) => update.providerSid === done.jobId, WAIT_MS);
    expect(await harness.plugin.send({ ...done, idempotencyKey: `${done.jobId}-2` })).toEqual({ providerSid: done.jobId, status: 'SUCCESS', pages: 1 });
    expect(originatesOf(done.jobId)).toHaveLength(1);
  });

  it('treats "Originate failed" as retryable: Asterisk queued nothing, so the key may place its call later', async () => {
    const options = harness.options(harness.ami.numbers.delivered);
    harness.ami.failNextOriginate('originate_failed');
    await expect(harness.plugin.send(options)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(originatesOf(options.jobId)).toHaveLength(0);
    expect(await harness.plugin.send(options)).toEqual(expect.objectContaining({ providerSid: options.jobId, status: 'in_progress' }));
    expect(originatesOf(options.jobId)).toHaveLength(1);
  });

  it('treats any other Originate error as a permanent refusal', async () => {
    harness.ami.failNextOriginate('permission_denied');
    const error = await harness.send(harness.ami.numbers.delivered).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', retryable: false, message: 'sip: Asterisk refused the call (PERMISSION DENIED)' });
  });

  it('never dials again for a key whose Originate went unanswered, and makes a new key wait', async () => {
    await harness.restart({ actionTimeoutMs: 1000 });
    await harness.loggedIn();
    const options = harness.options(harness.ami.numbers.delivered);
    harness.ami.failNextOriginate('no_response');
    await expect(harness.plugin.send(options)).rejects.toMatchObject({ code: 'PROVIDER_TIMEOUT', retryable: true });
    expect(await harness.plugin.send(options)).toEqual({ providerSid: options.jobId, status: 'in_progress', pages: 1 });
    await expect(harness.plugin.send({ ...options, idempotencyKey: `${options.jobId}-2` })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(harness.ami.actions.filter((action) => action.action === 'Originate')).toHaveLength(1);
  });
});

describe('sip plugin: connection trouble', () => {
  it('refuses to send while logged out, retryably, and sends once logged in again', async () => {
    const options = harness.options(harness.ami.numbers.delivered);
    const right = harness.ami.password;
    harness.ami.setPassword('rotated');
    harness.ami.dropConnections();
    await harness.restart({ authRetryMs: 1000 });
    await expect(harness.plugin.send(options)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(harness.ami.originates).toHaveLength(0);
    harness.ami.setPassword(right);
    await harness.loggedIn();
    await harness.plugin.send(options);
    await harness.deps.waitForStatus((update) => update.providerSid === options.jobId && update.status === 'SUCCESS', WAIT_MS);
  });

  it('reconnects after Asterisk drops the connection and keeps sending', async () => {
    const logins = harness.ami.loginCount;
    harness.ami.dropConnections();
    await until(() => harness.ami.loginCount > logins);
    await harness.loggedIn();
    const sent = await harness.send(harness.ami.numbers.delivered);
    await harness.deps.waitForStatus((update) => update.providerSid === sent.jobId && update.status === 'SUCCESS', WAIT_MS);
  });
});
