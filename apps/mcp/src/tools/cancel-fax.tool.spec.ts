import { FaxbotApiError, type FaxbotApiErrorCode, type FaxbotClient } from '@faxbot/api-client';
import { createCancelFaxTool } from './cancel-fax.tool';
import { ToolError, type ToolErrorCode } from './tool-error';

const context = { signal: new AbortController().signal };

function clientCancelling(cancelFax: FaxbotClient['cancelFax']): FaxbotClient {
  const unused = (): never => {
    throw new Error('not expected in this test');
  };
  return { health: unused, sendFax: unused, getFax: unused, cancelFax, capabilities: unused, listInbound: unused, getInbound: unused, getInboundPdf: unused, createInboundToken: unused, sendMessage: unused, getMessage: unused, listConversations: unused, replyToConversation: unused };
}

describe('cancel_fax', () => {
  it('asks the API to cancel the job, passing the call signal, and returns the cancelled job', async () => {
    const seen: Array<[string, AbortSignal | undefined]> = [];
    const tool = createCancelFaxTool({
      client: clientCancelling(async (id, options) => {
        seen.push([id, options?.signal]);
        return { id, to: '+15551234567', status: 'cancelled', error: null, error_code: null, pages: null, backend: 'phaxio', provider_sid: '42', created_at: 'c', updated_at: 'u' };
      }),
    });
    expect(await tool.run({ jobId: 'abc' }, context)).toEqual({ jobId: 'abc', status: 'cancelled', final: true, backend: 'phaxio', updatedAt: 'u' });
    expect(seen).toEqual([['abc', context.signal]]);
  });

  it.each<[FaxbotApiErrorCode, number, string, ToolErrorCode, string]>([
    ['CONFLICT', 409, 'The provider refused to cancel the fax: already finished', 'CONFLICT', 'The provider refused to cancel the fax: already finished'],
    ['NOT_FOUND', 404, 'Job not found', 'NOT_FOUND', 'no job has this jobId'],
    ['FORBIDDEN', 403, 'Insufficient scope: fax:send required', 'FORBIDDEN', 'fax:send'],
    ['UNAVAILABLE', 503, 'Could not ask the provider to cancel the fax (down); the job is unchanged, try again later', 'UNAVAILABLE', 'the job is unchanged'],
    ['NETWORK', 0, 'Cannot reach the Faxbot API (ECONNREFUSED)', 'UNAVAILABLE', 'ECONNREFUSED'],
  ])('maps the API error %s (%i) to a %s tool error', async (apiCode, status, detail, toolCode, text) => {
    const tool = createCancelFaxTool({ client: clientCancelling(() => Promise.reject(new FaxbotApiError(apiCode, status, detail))) });
    const error = await tool.run({ jobId: 'abc' }, context).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).code).toBe(toolCode);
    expect((error as ToolError).message).toContain(text);
  });
});
