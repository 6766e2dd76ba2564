import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDeps, createTestDocument } from '@faxbot/plugin-sdk/testing';
import { startAmiSimulator, type AmiSimulator } from '@faxbot/provider-simulators';
import { AmiClient } from './ami/ami-client';
import { FaxCallTracker } from './fax-call-tracker';
import { FaxJobStore } from './fax-job.store';
import { FaxSender } from './fax-sender';
import { until } from './sip-asterisk.test-helpers';

// The settle rule runs on minutes in production; a hand-driven clock shows it without waiting.
let ami: AmiSimulator;
let client: AmiClient;
let root: string;
let clock = 1_000_000;
let trackers: FaxCallTracker[] = [];

beforeEach(async () => {
  ami = await startAmiSimulator();
  root = mkdtempSync(join(tmpdir(), 'sip-sender-'));
  client = new AmiClient({
    host: ami.host,
    port: ami.port,
    username: ami.username,
    password: ami.password,
    actionTimeoutMs: 1000,
    keepaliveIntervalMs: 60_000,
    reconnectMinMs: 20,
    reconnectMaxMs: 200,
    authRetryMs: 60_000,
  });
  client.start();
  await client.whenReady(10_000);
});

afterEach(async () => {
  await client.stop();
  await Promise.all(trackers.map((tracker) => tracker.settled()));
  trackers = [];
  await ami.close();
  rmSync(root, { recursive: true, force: true });
});

async function sender(): Promise<{ send: FaxSender; store: FaxJobStore }> {
  const store = new FaxJobStore(join(root, 'data'));
  await store.ensure();
  const settings = { faxDir: join(root, 'fax'), stationId: '', headerText: '', originateTimeoutMs: 5000, limits: { settleMs: 60_000, resultTimeoutMs: 600_000 } };
  const deps = createTestDeps({ pluginId: 'sip' });
  const tracker = new FaxCallTracker(store, deps.logger, deps.faxStatus);
  trackers.push(tracker);
  client.onEvent((event) => void tracker.handle(event));
  return { send: new FaxSender(client, store, settings, deps.logger, () => clock), store };
}

describe('FaxSender: a call whose Originate went unanswered', () => {
  it('blocks new keys of the job until the settle time has passed, then dials again', async () => {
    const { send } = await sender();
    const document = createTestDocument({ publicUrl: false });
    const options = { jobId: 'job-u', to: ami.numbers.delivered, document, idempotencyKey: 'job-u-1' };
    ami.failNextOriginate('no_response');
    await expect(send.send(options)).rejects.toMatchObject({ code: 'PROVIDER_TIMEOUT', retryable: true });

    clock += 59_999;
    await expect(send.send({ ...options, idempotencyKey: 'job-u-2' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(await send.send(options)).toEqual({ providerSid: 'job-u', status: 'in_progress', pages: 1 });

    clock += 1;
    // The first key never dials again: its answer is now a final "never confirmed".
    expect(await send.send(options)).toEqual(expect.objectContaining({ status: 'FAILED', errorCode: 'PROVIDER_TIMEOUT' }));
    expect(await send.send({ ...options, idempotencyKey: 'job-u-2' })).toEqual({ providerSid: 'job-u', status: 'in_progress', pages: 1 });
    expect(ami.originates.filter((originate) => originate.jobId === 'job-u')).toHaveLength(1);
    await document.close();
  });

  it('adopts the call instead when Asterisk reports on it after all', async () => {
    const { send, store } = await sender();
    const document = createTestDocument({ publicUrl: false });
    const options = { jobId: 'job-v', to: ami.numbers.slow, document, idempotencyKey: 'job-v-1' };
    ami.ignoreActions(['Originate']);
    await expect(send.send(options)).rejects.toMatchObject({ code: 'PROVIDER_TIMEOUT' });
    const callId = (await store.get('job-v'))?.calls[0]?.callId ?? '';
    // A late OriginateResponse proves Asterisk did place the call.
    ami.emitEvent([['Event', 'OriginateResponse'], ['ActionID', callId], ['Response', 'Success'], ['Channel', 'Local/s@faxout-00000001;1'], ['Reason', '4'], ['Uniqueid', callId]]);
    await until(async () => (await store.get('job-v'))?.calls[0]?.seen === true);
    expect(await send.send({ ...options, idempotencyKey: 'job-v-2' })).toEqual({ providerSid: 'job-v', status: 'in_progress', pages: 1 });
    expect(ami.actions.filter((action) => action.action === 'Originate')).toHaveLength(1);
    await document.close();
  });
});
