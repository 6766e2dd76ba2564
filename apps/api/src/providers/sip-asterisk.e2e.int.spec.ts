import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Database } from '@faxbot/db';
import { minimalFaxTiff } from '@faxbot/plugin-sdk/testing';
import { startAmiSimulator, type AmiSimulator } from '@faxbot/provider-simulators';
import { TEST_DATABASES, type TestGateway } from '../testing/test-gateway.test-helpers';
import { API_TOKENS } from '../tokens';
import { downloadBothWays, finalJob, routeToMailbox, sendPdf, startProviderGateway, waitForInbound } from './provider-e2e.test-helpers';

const INBOUND_SECRET = `inbound-${randomBytes(12).toString('hex')}`;

function tiffTags(tiff: Buffer): Map<number, number> {
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number): number => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number): number => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const tags = new Map<number, number>();
  for (let index = 0; index < u16(ifd); index += 1) {
    const at = ifd + 2 + index * 12;
    tags.set(u16(at), u16(at + 2) === 3 ? u16(at + 8) : u32(at + 8));
  }
  return tags;
}

// SIP through Asterisk end to end: the gateway, configured by the original ASTERISK_* names, against
// the AMI simulator over TCP; the fax TIFF is rendered by the gateway into the folder "Asterisk" reads.
describe.each(TEST_DATABASES)('SIP via Asterisk end to end (%s)', (database) => {
  jest.setTimeout(60_000);
  let ami: AmiSimulator;
  let t: TestGateway;
  let faxDir: string;

  const start = async (env: Record<string, string> = {}): Promise<void> => {
    ami = await startAmiSimulator();
    faxDir = mkdtempSync(join(tmpdir(), 'faxbot-asterisk-spool-'));
    t = await startProviderGateway(database, {
      FAX_BACKEND: 'sip',
      ASTERISK_AMI_HOST: ami.host,
      ASTERISK_AMI_PORT: String(ami.port),
      ASTERISK_AMI_USERNAME: ami.username,
      ASTERISK_AMI_PASSWORD: ami.password,
      ASTERISK_INBOUND_SECRET: INBOUND_SECRET,
      ASTERISK_FAX_DIR: faxDir,
      ...env,
    });
  };
  const ready = async (): Promise<request.Response> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await request(t.app).get('/health/ready');
      if (response.status === 200 || Date.now() > deadline) return response;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  afterEach(async () => {
    await t?.close();
    await ami?.close();
    if (faxDir !== undefined) rmSync(faxDir, { recursive: true, force: true });
  });

  it('originates exactly as the original dialplan expects and reaches SUCCESS by the FaxResult event', async () => {
    await start();
    expect((await ready()).body).toMatchObject({ status: 'ready', backend: 'sip', checks: { backend_health: 'ok' } });
    const jobId = await sendPdf(t, ami.numbers.delivered);
    const done = await finalJob(t, jobId);
    expect(done).toMatchObject({ status: 'SUCCESS', backend: 'sip', provider_sid: jobId, pages: 1 });
    const call = ami.originateFor(jobId)!;
    expect(call).toMatchObject({ jobId, dest: ami.numbers.delivered, pages: 1 });
    expect(call.faxFile.startsWith(faxDir)).toBe(true);
    const tiff = await readFile(call.faxFile);
    const tags = tiffTags(tiff);
    expect(tags.get(256)).toBe(1728);
    expect(tags.get(259)).toBe(4);
    expect(t.logs()).toContain('"source":"plugin"');
    expect(t.logs()).not.toContain(ami.password);
    expect(t.logs()).not.toContain(ami.numbers.delivered.slice(1));
  });

  it('renders G3 (2-D, T4Options 5) for the line when FAX_TIFF_COMPRESSION=g3-2d', async () => {
    await start({ FAX_TIFF_COMPRESSION: 'g3-2d' });
    const jobId = await sendPdf(t, ami.numbers.delivered);
    expect(await finalJob(t, jobId)).toMatchObject({ status: 'SUCCESS', pages: 1 });
    const tags = tiffTags(await readFile(ami.originateFor(jobId)!.faxFile));
    expect([tags.get(256), tags.get(259), tags.get(292)]).toEqual([1728, 3, 5]);
  });

  it.each([
    ['a busy line', 'busy', 'LINE_BUSY'],
    ['a call that is never answered', 'noAnswer', 'NO_ANSWER'],
    ['a hangup before SendFAX', 'hangupBeforeFax', undefined],
  ] as const)('fails %s with a reason', async (_name, number, code) => {
    await start();
    const done = await finalJob(t, await sendPdf(t, ami.numbers[number]));
    expect(done['status']).toBe('FAILED');
    if (code !== undefined) expect(done['error_code']).toBe(code);
    expect(typeof done['error']).toBe('string');
  });

  it('retries an Originate Asterisk could not queue, and fails one it refused', async () => {
    await start();
    ami.failNextOriginate('originate_failed');
    const retried = await sendPdf(t, ami.numbers.delivered);
    expect(await finalJob(t, retried)).toMatchObject({ status: 'SUCCESS' });
    expect(ami.actions.filter((action) => action.action === 'Originate' && action.fields.some(([key, value]) => key === 'Variable' && value.includes(`JOBID=${retried}`)))).toHaveLength(2);
    ami.failNextOriginate('permission_denied');
    const refused = await sendPdf(t, ami.numbers.delivered);
    expect(await finalJob(t, refused)).toMatchObject({ status: 'FAILED', error_code: 'PROVIDER_REJECTED' });
    expect(ami.originateFor(refused)).toBeUndefined();
  });

  it('shows a refused AMI login as not ready, never as connected', async () => {
    await start({ ASTERISK_AMI_PASSWORD: `wrong-${randomBytes(8).toString('hex')}` });
    // The plugin logs in to AMI in the background, so the refusal arrives some time after the
    // gateway is up (late on a loaded machine). Until then the plugin is "connecting to AMI";
    // either way the gateway must never say ready. /plugins/sip shows what the last probe saw.
    const deadline = Date.now() + 10_000;
    let plugin: request.Response;
    for (;;) {
      const response = await request(t.app).get('/health/ready');
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: 'not_ready', checks: { backend_health: 'down' } });
      plugin = await request(t.app).get('/plugins/sip').set('X-API-Key', t.apiKey);
      if (JSON.stringify(plugin.body).includes('AMI login failed') || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(JSON.stringify(plugin.body)).toContain('AMI login failed');
    expect(ami.loginCount).toBe(0);
    expect(ami.failedLoginCount).toBeGreaterThan(0);
  });

  it('receives a fax through /_internal/asterisk/inbound with the shared secret, and refuses it without', async () => {
    await start();
    const did = '+15550004444';
    await routeToMailbox(t, did, 'sip-desk');
    const tiffPath = join(faxDir, 'rx-1700000000.42.tif');
    writeFileSync(tiffPath, minimalFaxTiff(16));
    const body = { tiff_path: tiffPath, to_number: did, from_number: '+15558889999', faxstatus: 'SUCCESS', faxpages: '1', uniqueid: '1700000000.42' };
    expect((await request(t.app).post('/_internal/asterisk/inbound').send(body)).status).toBe(401);
    expect((await request(t.app).post('/_internal/asterisk/inbound').set('X-Internal-Secret', 'guess').send(body)).status).toBe(401);
    const outside = { ...body, tiff_path: join(tmpdir(), 'elsewhere.tif'), uniqueid: 'x' };
    expect((await request(t.app).post('/_internal/asterisk/inbound').set('X-Internal-Secret', INBOUND_SECRET).send(outside)).status).toBe(403);
    const accepted = await request(t.app).post('/_internal/asterisk/inbound').set('X-Internal-Secret', INBOUND_SECRET).send(body);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ id: expect.stringMatching(/^[a-f0-9]{32}$/), status: 'ok' });
    // The dialplan's curl retried: the same fax, the same id, one record.
    const again = await request(t.app).post('/_internal/asterisk/inbound').set('X-Internal-Secret', INBOUND_SECRET).send(body);
    expect(again.body).toEqual(accepted.body);
    const listed = await waitForInbound(t, 1);
    expect(listed[0]).toMatchObject({ id: accepted.body.id, to: did, fr: '+15558889999', backend: 'sip', mailbox: 'sip-desk', pages: 1 });
    expect((await t.gateway.container.get<Database>(API_TOKENS.Database).inbound.list({ limit: 10 })).items).toHaveLength(1);
    const { withKey, withToken } = await downloadBothWays(t, String(accepted.body.id));
    expect(withKey.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Buffer.compare(withKey, withToken)).toBe(0);
    expect(t.logs()).not.toContain(INBOUND_SECRET);
  });
});
