import type { WebhookRequest } from '@faxbot/plugin-sdk';
import type { ConformanceSimulator, ForgedWebhook, OutboundConformanceHarness } from '@faxbot/plugin-sdk/testing';
import { startSinchSimulator } from '@faxbot/provider-simulators';
import type { SinchConfig } from './sinch-config';
import { SinchPlugin } from './sinch.plugin';
import { CALLBACK_PASS, CALLBACK_USER, simulatorConfig, startWebhookHost, webhookRequestFrom } from './sinch.test-helpers';

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

function withHeaders(request: WebhookRequest, headers: Record<string, string | undefined>): WebhookRequest {
  return { ...request, headers: { ...request.headers, ...headers }, rawBody: Buffer.from(request.rawBody) };
}

/**
 * The genuine callback with its fax id replaced by one of the same length that Sinch does not
 * know; the credentials stay valid, so only the API lookup can catch it. Byte-level (latin1 is
 * lossless) because the body is multipart with a binary PDF part.
 */
function withUnknownFaxId(request: WebhookRequest): WebhookRequest {
  const text = request.rawBody.toString('latin1');
  const id = /"id":"([^"]+)"/.exec(text)?.[1];
  if (id === undefined) throw new Error('the genuine callback carries no fax id');
  const unknown = 'X'.repeat(id.length);
  return { ...request, rawBody: Buffer.from(text.split(id).join(unknown), 'latin1') };
}

/**
 * The SDK's outbound conformance harness over the Sinch simulator: a fresh simulator, a webhook
 * receiver standing in for the host (callbacks really go over HTTP to it), and a configuration
 * with callback credentials and a short request timeout.
 */
export function sinchConformanceHarness(variant: Pick<SinchConfig, 'authMethod' | 'documentDelivery'>): OutboundConformanceHarness<SinchConfig> {
  return {
    pluginId: 'sinch',
    createPlugin: () => new SinchPlugin(),
    finalStatusTimeoutMs: 15_000,
    startSimulator: async (): Promise<ConformanceSimulator<SinchConfig>> => {
      const sinch = await startSinchSimulator({ queuedMs: 20, inProgressMs: 80 });
      const host = await startWebhookHost();
      return {
        config: simulatorConfig(sinch, { ...variant, requestTimeoutMs: 1500 }),
        publicUrl: host.publicUrl,
        numbers: { delivered: '+15550100000', failed: '+15550100001', slow: '+15550100003' },
        statusDelivery: 'webhook',
        failNextSend: (mode) => sinch.failNextSend(mode),
        takeCallback: async (providerSid, timeoutMs) => webhookRequestFrom(await sinch.waitForCallback(providerSid, timeoutMs)),
        forge: (genuine): ForgedWebhook[] => [
          { name: 'credentials removed', request: withHeaders(genuine, { authorization: undefined }) },
          { name: 'wrong password', request: withHeaders(genuine, { authorization: basic(CALLBACK_USER, `${CALLBACK_PASS}x`) }) },
          { name: 'another user', request: withHeaders(genuine, { authorization: basic('sinch-admin', CALLBACK_PASS) }) },
          { name: 'fax id unknown to the API', request: withUnknownFaxId(genuine) },
        ],
        receivedFax: (providerSid) => {
          const fax = sinch.faxes.get(providerSid);
          return fax === undefined ? null : { to: fax.to, documentBytes: fax.document?.length ?? 0 };
        },
        get secrets() {
          return [sinch.keySecret, CALLBACK_PASS, ...sinch.issuedTokens()];
        },
        close: async () => {
          await sinch.close();
          await host.close();
        },
      };
    },
  };
}
