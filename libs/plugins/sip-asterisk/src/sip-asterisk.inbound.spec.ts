import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimalFaxTiff } from '@faxbot/plugin-sdk/testing';
import { SipHarness, testSecret } from './sip-asterisk.test-helpers';

let harness: SipHarness;

beforeAll(async () => {
  harness = await SipHarness.start({ waitForLogin: false });
});

afterAll(async () => {
  await harness.dispose();
});

const delivery = (tiffPath: string, extra: Record<string, unknown> = {}) => ({
  tiff_path: tiffPath,
  to_number: '+12025550142',
  from_number: '+12025550143',
  faxstatus: 'SUCCESS',
  faxpages: '1',
  uniqueid: '1767225600.77',
  ...extra,
});

describe('sip plugin: inbound deliveries from the dialplan', () => {
  it('hands a genuine delivery to the host as a received TIFF', async () => {
    const tiff = minimalFaxTiff();
    const path = harness.writeInbound('in-ok.tiff', tiff);
    const result = await harness.plugin.handleWebhook(harness.inboundRequest(delivery(path)));
    expect(result.response).toEqual({ status: 200, body: { status: 'ok' } });
    expect(result.received).toEqual([
      { providerSid: '1767225600.77', from: '+12025550143', to: '+12025550142', pages: 1, receivedAt: expect.any(Date), document: { type: 'tiff', bytes: tiff } },
    ]);
    expect(result.updates).toBeUndefined();
  });

  it('names a delivery without uniqueid by a hash of its path, the same on a retry', async () => {
    const path = harness.writeInbound('in-nouid.tiff');
    const body = { tiff_path: path, to_number: '5551230000' };
    const first = await harness.plugin.handleWebhook(harness.inboundRequest(body));
    const again = await harness.plugin.handleWebhook(harness.inboundRequest(body));
    expect(first.received?.[0]?.providerSid).toMatch(/^tiff-[0-9a-f]{24}$/);
    expect(again.received?.[0]?.providerSid).toBe(first.received?.[0]?.providerSid);
    expect(first.received?.[0]).toEqual(expect.objectContaining({ from: null, pages: null }));
  });

  it('refuses every delivery while no secret is configured', async () => {
    await harness.restart({ inboundSecret: '' });
    try {
      const path = harness.writeInbound('in-nosecret.tiff');
      const result = await harness.plugin.handleWebhook(harness.inboundRequest(delivery(path), ''));
      expect(result).toEqual({ response: { status: 401, body: { detail: 'Internal secret not configured' } } });
    } finally {
      await harness.restart({ inboundSecret: testSecret() });
    }
  });

  it.each([
    ['a missing secret', null],
    ['a wrong secret', 'definitely-not-it'],
    ['an empty secret', ''],
  ])('refuses %s with 401', async (_name, secret) => {
    const path = harness.writeInbound('in-guard.tiff');
    const result = await harness.plugin.handleWebhook(harness.inboundRequest(delivery(path), secret));
    expect(result).toEqual({ response: { status: 401, body: { detail: 'Invalid internal secret' } } });
  });

  it('refuses paths leading out of the fax folder with 403, symlinks included', async () => {
    const outside = join(harness.root, 'outside.tiff');
    writeFileSync(outside, minimalFaxTiff());
    symlinkSync(outside, join(harness.faxDir, 'link-out.tiff'));
    for (const path of [outside, join(harness.faxDir, '..', 'outside.tiff'), '../outside.tiff', join(harness.faxDir, 'link-out.tiff'), '/etc/passwd']) {
      const result = await harness.plugin.handleWebhook(harness.inboundRequest(delivery(path)));
      expect(result).toEqual({ response: { status: 403, body: { detail: 'tiff_path is outside the fax directory' } } });
    }
  });

  it.each([
    ['a file that is not a TIFF', () => harness.writeInbound('in-pdf.tiff', Buffer.from('%PDF-1.4\n%%EOF\n'))],
    ['a missing file', () => join(harness.faxDir, 'never-written.tiff')],
    ['a folder', () => {
      mkdirSync(join(harness.faxDir, 'a-folder'), { recursive: true });
      return join(harness.faxDir, 'a-folder');
    }],
  ])('refuses %s with 400 Invalid payload', async (_name, makePath) => {
    const result = await harness.plugin.handleWebhook(harness.inboundRequest(delivery(makePath())));
    expect(result).toEqual({ response: { status: 400, body: { detail: 'Invalid payload' } } });
  });

  it.each([
    ['no tiff_path', { to_number: '+12025550142' }],
    ['no to_number', { tiff_path: 'in-ok.tiff' }],
    ['pages that are not a number', delivery('in-ok.tiff', { faxpages: 'many' })],
  ])('refuses a body with %s with 400 Invalid payload', async (_name, body) => {
    const result = await harness.plugin.handleWebhook(harness.inboundRequest(body));
    expect(result).toEqual({ response: { status: 400, body: { detail: 'Invalid payload' } } });
  });

  it('refuses a body that is not JSON, and methods other than POST', async () => {
    const request = harness.inboundRequest({});
    expect((await harness.plugin.handleWebhook({ ...request, rawBody: Buffer.from('tiff_path=/x') })).response.status).toBe(400);
    expect((await harness.plugin.handleWebhook({ ...request, method: 'GET' })).response.status).toBe(405);
  });

  it('logs deliveries without numbers, paths or secrets', () => {
    const log = JSON.stringify(harness.deps.logLines);
    for (const forbidden of ['2025550142', '2025550143', harness.faxDir, harness.config.inboundSecret]) expect(log).not.toContain(forbidden);
  });
});
