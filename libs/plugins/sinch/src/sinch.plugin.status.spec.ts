import type { StatusResult } from '@faxbot/plugin-sdk';
import { createTestDocument, type TestDocument } from '@faxbot/plugin-sdk/testing';
import { startSinchTestBed, type SinchTestBed } from './sinch.test-helpers';

jest.setTimeout(30_000);

describe('SinchPlugin.getStatus against the simulator', () => {
  let bed: SinchTestBed;
  const documents: TestDocument[] = [];

  beforeAll(async () => {
    bed = await startSinchTestBed({ config: { inboundBasicUser: '', inboundBasicPass: '' } });
  });

  afterAll(async () => {
    await bed.close();
    await Promise.all(documents.map((document) => document.close()));
  });

  async function finalStatus(to: string): Promise<StatusResult> {
    const document = createTestDocument();
    documents.push(document);
    const sent = await bed.plugin.send({ jobId: `job-${to.slice(-4)}`, to, document, idempotencyKey: `job-${to.slice(-4)}-1` });
    await bed.sinch.waitForStatus(sent.providerSid, to.endsWith('0000') ? 'COMPLETED' : 'FAILURE');
    return bed.plugin.getStatus({ jobId: `job-${to.slice(-4)}`, providerSid: sent.providerSid });
  }

  it.each([
    ['+15550100000', { status: 'SUCCESS', pages: 1 }],
    ['+15550100001', { status: 'FAILED', pages: 1, errorCode: 'LINE_BUSY', error: 'sinch: the line was busy (LINE_ERROR 17)' }],
    ['+15550100002', { status: 'FAILED', pages: 1, errorCode: 'NO_ANSWER', error: 'sinch: no fax machine answered (CALL_ERROR 30)' }],
    ['+15550100004', { status: 'FAILED', pages: 1, errorCode: 'DOCUMENT_UNREADABLE', error: 'sinch: Sinch could not convert or read the document (DOCUMENT_CONVERSION_ERROR 4)' }],
    ['+15550100005', { status: 'FAILED', pages: 1, errorCode: 'NUMBER_INVALID', error: 'sinch: the number is not in service or not permitted (CALL_ERROR 34)' }],
  ])('maps a fax to %s to %j', async (to, expected) => {
    expect(await finalStatus(to)).toEqual(expected);
  });

  it('reports a slow fax as in_progress', async () => {
    const document = createTestDocument();
    documents.push(document);
    const sent = await bed.plugin.send({ jobId: 'job-slow', to: '+15550100003', document, idempotencyKey: 'job-slow-1' });
    await bed.sinch.waitForStatus(sent.providerSid, 'IN_PROGRESS');
    expect(await bed.plugin.getStatus({ jobId: 'job-slow', providerSid: sent.providerSid })).toEqual({ status: 'in_progress', pages: 1 });
  });

  it('logs the destination masked to its last four digits only', () => {
    const log = JSON.stringify(bed.deps.logLines);
    expect(log).toContain('***0001');
    expect(log).not.toContain('5550100001');
  });
});
