import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SinchApiRouter } from './sinch-api.router';
import type { RecordedSinchCallback } from './sinch-callback.sender';
import { formatSinchSummary } from './format-sinch-summary';
import { toSinchFaxJson, type SinchFaxStatus } from './sinch-fax';
import { SinchSimulatorState, type SinchSimulatorSettings } from './sinch-simulator.state';
import type { SinchSimulator, SinchSimulatorOptions } from './sinch-simulator.types';

const DEFAULT_WAIT_MS = 15_000;

function settle(options: SinchSimulatorOptions): SinchSimulatorSettings {
  return {
    projectId: options.projectId ?? 'proj-sim-0001',
    keyId: options.keyId ?? `key-${randomBytes(8).toString('hex')}`,
    keySecret: options.keySecret ?? `secret-${randomBytes(16).toString('hex')}`,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    queuedMs: options.queuedMs ?? 50,
    inProgressMs: options.inProgressMs ?? 150,
    slowMs: options.slowMs ?? 600_000,
    responseDelayMs: options.responseDelayMs ?? 0,
    duplicateCallbacks: options.duplicateCallbacks ?? 0,
    callbackTimeoutMs: options.callbackTimeoutMs ?? 10_000,
    contentFetchTimeoutMs: options.contentFetchTimeoutMs ?? 10_000,
    callbackSigningSecret: options.callbackSigningSecret,
  };
}

/**
 * Starts a Sinch Fax API v3 simulator (default 127.0.0.1 and a free port), speaking Sinch's wire format:
 *
 * - `POST /oauth2/token` — client credentials (Basic `keyId:keySecret`, form
 *   `grant_type=client_credentials`) → `{ access_token, token_type: 'Bearer', expires_in }`.
 * - `POST /v3/projects/{projectId}/faxes` — multipart (file parts, or `contentUrl`, which it
 *   fetches), url-encoded or JSON; answers the JSON Fax object. Needs a valid Bearer token or
 *   Basic `keyId:keySecret`, else 401.
 * - `GET /v3/projects/{projectId}/faxes/{id}` and `GET …/faxes/{id}/file.pdf`.
 *
 * A fax goes QUEUED → IN_PROGRESS → COMPLETED or FAILURE on timers, then a `FAX_COMPLETED`
 * callback (multipart `event`, `eventTime`, `fax`, `file`, or JSON) goes to its `callbackUrl`,
 * with `user:pass@` credentials in that URL sent as `Authorization: Basic`.
 *
 * Test numbers (last four digits): `0000` delivered; `0001` FAILURE `LINE_ERROR` 17 (busy);
 * `0002` FAILURE `CALL_ERROR` 30 (no answer); `0003` slow (IN_PROGRESS for `slowMs`, then
 * delivered); `0004` FAILURE `DOCUMENT_CONVERSION_ERROR` 4; `0005` FAILURE `CALL_ERROR` 34 (number
 * not operational); anything else delivered. A `to` that is not E.164 gets 400 with a field
 * violation on `to`.
 *
 * @example
 * const sinch = await startSinchSimulator({ tokenTtlSeconds: 2 });
 * console.log(sinch.summary());
 * // configure a client with sinch.url, sinch.authUrl, sinch.projectId, sinch.keyId, sinch.keySecret
 * await sinch.close();
 */
export async function startSinchSimulator(options: SinchSimulatorOptions = {}): Promise<SinchSimulator> {
  const state = new SinchSimulatorState(settle(options));
  const router = new SinchApiRouter(state);
  const server: Server = createServer((request, response) => {
    router.handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"error":{"code":500,"status":"INTERNAL","message":"simulator error"}}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const host = options.host ?? '127.0.0.1';
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  const faxOrThrow = (id: string) => {
    const fax = state.faxes.get(id);
    if (fax === undefined) throw new Error(`the simulator has no fax ${id}`);
    return fax;
  };
  const mustDeliver = (delivery: RecordedSinchCallback | null, what: string): RecordedSinchCallback => {
    if (delivery === null) throw new Error(`${what} was held back (callbacks are on hold) or the simulator is closed`);
    return delivery;
  };

  const simulator: SinchSimulator = {
    url: `${origin}/v3`,
    authUrl: `${origin}/oauth2/token`,
    projectId: state.settings.projectId,
    keyId: state.settings.keyId,
    keySecret: state.settings.keySecret,
    faxes: state.faxes,
    requests: state.requests,
    callbacks: state.callbacks.deliveries,
    get tokensIssued() {
      return state.tokens.tokensIssued;
    },
    issuedTokens: () => state.tokens.issuedTokens(),
    failNextSend: (mode) => void state.failures.push(mode),
    setResponseDelay: (ms) => {
      state.settings.responseDelayMs = ms;
    },
    revokeTokens: () => state.tokens.revokeAll(),
    completeFax: (id, outcome = 'COMPLETED') => state.finish(faxOrThrow(id), outcome),
    holdCallbacks: () => state.callbacks.hold(),
    releaseCallbacks: (order) => state.callbacks.release(order),
    redeliverCallback: async (faxId) => {
      const last = state.callbacks.last(faxId);
      if (last === null) throw new Error(`no callback was made for fax ${faxId}`);
      return mustDeliver(await state.callbacks.send({ faxId, event: last.event, url: last.url, headers: last.headers, body: last.body }, true), 'the redelivery');
    },
    deliverStaleCallback: async (faxId, status: SinchFaxStatus) => {
      const fax = faxOrThrow(faxId);
      if (fax.callbackUrl === null) throw new Error(`fax ${faxId} has no callbackUrl`);
      const snapshot: Record<string, unknown> = { ...toSinchFaxJson(fax), status };
      // A snapshot from before the outcome has no error or completion time yet.
      if (status === 'QUEUED' || status === 'IN_PROGRESS') for (const key of ['errorType', 'errorCode', 'errorMessage', 'completedTime']) delete snapshot[key];
      return mustDeliver(await state.callBack(fax, 'FAX_COMPLETED', fax.callbackUrl, { snapshot, repeated: true }), 'the stale callback');
    },
    waitForCallback: (faxId, timeoutMs = DEFAULT_WAIT_MS) => state.callbacks.waitFor((callback) => callback.faxId === faxId, timeoutMs),
    waitForStatus: (faxId, status, timeoutMs = DEFAULT_WAIT_MS) => state.waitForStatus(faxId, status, timeoutMs),
    deliverInbound: async (delivery) => {
      const fax = state.createInbound({ to: delivery.to, from: delivery.from ?? null, pdf: delivery.pdf });
      const callback = await state.callBack(fax, 'INCOMING_FAX', delivery.url, {
        contentType: delivery.contentType ?? 'multipart/form-data',
        attachFile: delivery.attachFile ?? true,
      });
      return { fax, callback: mustDeliver(callback, 'the inbound callback') };
    },
    summary: () => formatSinchSummary({ url: `${origin}/v3`, authUrl: `${origin}/oauth2/token`, settings: state.settings, faxes: state.faxes.size, tokensIssued: state.tokens.tokensIssued }),
    close: async () => {
      await state.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Requests held open by a `timeout` failure would keep the server alive forever.
        server.closeAllConnections();
      });
    },
  };
  return simulator;
}
