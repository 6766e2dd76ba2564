import { statSync } from 'node:fs';
import { isFinalStatus } from '@faxbot/plugin-sdk';
import { SipHarness, until, WAIT_MS } from './sip-asterisk.test-helpers';

let harness: SipHarness;

beforeAll(async () => {
  harness = await SipHarness.start();
});

afterAll(async () => {
  await harness.dispose();
});

describe('sip plugin: outcomes of each simulated line', () => {
  it('places the original Originate: Local/s@faxout into faxout,s,1 with JOBID, DEST (E.164) and FAXFILE', async () => {
    const sent = await harness.send(harness.ami.numbers.delivered);
    expect(sent).toEqual(expect.objectContaining({ providerSid: sent.jobId, status: 'in_progress', pages: 1 }));
    const originate = harness.ami.originateFor(sent.jobId);
    expect(originate).toEqual(
      expect.objectContaining({
        jobId: sent.jobId,
        dest: harness.ami.numbers.delivered,
        faxFile: `${harness.faxDir}/${sent.jobId}-${sent.jobId}-1.tiff`,
        callerId: '+1 555 000 0199',
        timeoutMs: 5000,
        pages: 1,
      }),
    );
    expect(originate?.channelId).toBe(originate?.actionId);
    expect(originate?.variables).toEqual(expect.objectContaining({ FAXHEADER: 'Faxbot', LOCALSTATIONID: '+1 555 000 0199' }));
    expect(statSync(originate!.faxFile).mode & 0o777).toBe(0o640);
  });

  it.each([
    ['delivered', { status: 'SUCCESS', pages: 1 }],
    ['busy', { status: 'FAILED', errorCode: 'LINE_BUSY', error: 'asterisk: line busy', pages: 0 }],
    ['noAnswer', { status: 'FAILED', errorCode: 'NO_ANSWER', error: 'asterisk: no answer', pages: 0 }],
    ['congestion', { status: 'FAILED', errorCode: 'TRANSMISSION_FAILED', error: 'asterisk: network congestion', pages: 0 }],
    ['failure', { status: 'FAILED', errorCode: 'TRANSMISSION_FAILED', error: 'asterisk: call failed (no such number or channel)', pages: 0 }],
    ['hangupBeforeFax', { status: 'FAILED', errorCode: 'TRANSMISSION_FAILED', error: expect.stringContaining('cause 16'), pages: 0 }],
    ['faxFailed', { status: 'FAILED', errorCode: 'TRANSMISSION_FAILED', error: 'asterisk: fax transmission failed (HANGUP)', pages: 0 }],
  ] as const)('reports the %s number as %j, and getStatus agrees', async (name, expected) => {
    const sent = await harness.send(harness.ami.numbers[name]);
    const reported = await harness.deps.waitForStatus((update) => update.providerSid === sent.jobId, WAIT_MS);
    expect(reported).toEqual({ providerSid: sent.jobId, ...expected });
    expect(await harness.plugin.getStatus({ jobId: sent.jobId, providerSid: sent.jobId })).toEqual(expected);
  });

  it('reports each result once, and the hangups after a FaxResult change nothing', async () => {
    const sent = await harness.send(harness.ami.numbers.delivered);
    await harness.deps.waitForStatus((update) => update.providerSid === sent.jobId, WAIT_MS);
    await until(() => harness.ami.originateFor(sent.jobId)?.state === 'ended');
    // Give the client time to read the Hangup events the simulator has just written.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.deps.reportedStatuses.filter((update) => update.providerSid === sent.jobId)).toHaveLength(1);
  });

  it('keeps the slow number in progress', async () => {
    const sent = await harness.send(harness.ami.numbers.slow);
    await until(() => harness.ami.originateFor(sent.jobId)?.state === 'answered');
    expect(await harness.plugin.getStatus({ jobId: sent.jobId, providerSid: sent.jobId })).toEqual({ status: 'in_progress', pages: 1 });
  });

  it('cancels a call in progress with the AMI Hangup action and reports cancelled', async () => {
    const sent = await harness.send(harness.ami.numbers.slow);
    await harness.plugin.cancel({ jobId: sent.jobId, providerSid: sent.jobId });
    expect(harness.ami.originateFor(sent.jobId)?.hungUp).toBe(true);
    expect(harness.ami.actions.some((action) => action.action === 'Hangup' && action.fields.some(([key, value]) => key === 'Channel' && value.startsWith(`faxbot-${sent.jobId}-`)))).toBe(true);
    expect((await harness.plugin.getStatus({ jobId: sent.jobId, providerSid: sent.jobId })).status).toBe('cancelled');
    await harness.deps.waitForStatus((update) => update.providerSid === sent.jobId && update.status === 'cancelled', WAIT_MS);
    // The Hangup events that follow must not turn the cancellation into a failure.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.deps.reportedStatuses.filter((update) => update.providerSid === sent.jobId).map((update) => update.status)).toEqual(['cancelled']);
    await expect(harness.plugin.cancel({ jobId: sent.jobId, providerSid: sent.jobId })).resolves.toBeUndefined();
  });

  it('refuses to cancel a finished fax', async () => {
    const sent = await harness.send(harness.ami.numbers.busy);
    await harness.deps.waitForStatus((update) => update.providerSid === sent.jobId && isFinalStatus(update.status), WAIT_MS);
    await expect(harness.plugin.cancel({ jobId: sent.jobId, providerSid: sent.jobId })).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });

  it('sends concurrently: each call gets its own ActionID and its own result', async () => {
    const names = ['delivered', 'busy', 'noAnswer', 'faxFailed', 'delivered'] as const;
    const sent = await Promise.all(names.map((name) => harness.send(harness.ami.numbers[name])));
    const reports = await Promise.all(sent.map((fax) => harness.deps.waitForStatus((update) => update.providerSid === fax.jobId, WAIT_MS)));
    expect(reports.map((report) => report.errorCode ?? report.status)).toEqual(['SUCCESS', 'LINE_BUSY', 'NO_ANSWER', 'TRANSMISSION_FAILED', 'SUCCESS']);
    const actionIds = sent.map((fax) => harness.ami.originateFor(fax.jobId)?.actionId);
    expect(new Set(actionIds).size).toBe(names.length);
    sent.forEach((fax, index) => expect(actionIds[index]).toMatch(new RegExp(`^faxbot-${fax.jobId}-[0-9a-f]{8}$`)));
  });

  it('follows a call by the unique id OriginateResponse reports when Asterisk ignored ChannelId', async () => {
    const sent = await harness.send(harness.ami.numbers.slow);
    await until(() => harness.ami.originateFor(sent.jobId)?.state === 'answered');
    const callId = harness.ami.originateFor(sent.jobId)!.actionId;
    harness.ami.emitEvent([['Event', 'OriginateResponse'], ['ActionID', callId], ['Response', 'Success'], ['Reason', '4'], ['Uniqueid', '1767225600.501']]);
    harness.ami.emitEvent([['Event', 'Hangup'], ['Uniqueid', '1767225600.501'], ['Linkedid', '1767225600.501'], ['Cause', '17'], ['Cause-txt', 'User busy']]);
    const reported = await harness.deps.waitForStatus((update) => update.providerSid === sent.jobId, WAIT_MS);
    expect(reported).toEqual(expect.objectContaining({ status: 'FAILED', errorCode: 'LINE_BUSY' }));
  });

  it('does not know a fax it never sent', async () => {
    await expect(harness.plugin.getStatus({ jobId: 'x', providerSid: 'never-sent' })).rejects.toMatchObject({ code: 'PROVIDER_REJECTED', retryable: false });
    await expect(harness.plugin.getStatus({ jobId: 'x', providerSid: '../etc/passwd' })).rejects.toMatchObject({ code: 'PROVIDER_REJECTED' });
  });

  it('ignores results of calls it did not place (another gateway on the same Asterisk)', async () => {
    harness.ami.emitEvent([['Event', 'UserEvent'], ['UserEvent', 'FaxResult'], ['JobID', 'someone-else'], ['Status', 'SUCCESS']]);
    harness.ami.emitEvent([['Event', 'Hangup'], ['Uniqueid', '1767225600.9'], ['Linkedid', '1767225600.9'], ['Cause', '16']]);
    const sent = await harness.send(harness.ami.numbers.delivered);
    await harness.deps.waitForStatus((update) => update.providerSid === sent.jobId, WAIT_MS);
    expect(harness.deps.reportedStatuses.some((update) => update.providerSid === 'someone-else')).toBe(false);
  });

  it('refuses a destination the dialplan cannot dial, and a job id it cannot carry', async () => {
    await expect(harness.send('+1 (555) 123')).rejects.toMatchObject({ code: 'NUMBER_INVALID', retryable: false });
    await expect(harness.send(harness.ami.numbers.delivered, { jobId: 'a,b' })).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });

  it('needs the host to render a fax TIFF', async () => {
    const options = harness.options(harness.ami.numbers.delivered);
    const { toFaxTiff: _unused, ...document } = options.document;
    await expect(harness.plugin.send({ ...options, document })).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(harness.ami.originateFor(options.jobId)).toBeUndefined();
  });
});
