import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLBACK_SINK_PREFIX, handlePhaxioRequest, PHAXIO_API_PREFIX, type PhaxioApiState } from './phaxio-api.router';
import { PhaxioCallbackSender, type PhaxioCallbackRecord } from './phaxio-callback.sender';
import { PhaxioFailureQueue } from './phaxio-failure-queue';
import type { PhaxioFax } from './phaxio-fax';
import { PhaxioFaxLifecycle, type PhaxioFaxEvent } from './phaxio-fax-lifecycle';
import { createInboundFax, type PhaxioInboundDelivery } from './phaxio-inbound-fax';
import type { PhaxioRecordedRequest } from './phaxio-recorded-request';
import type { PhaxioSimulatedFax } from './phaxio-simulated-fax';
import {
  resolvePhaxioSimulatorOptions,
  type PhaxioFailureMode,
  type PhaxioRoute,
  type PhaxioSimulatorOptions,
  type ResolvedPhaxioSimulatorOptions,
} from './phaxio-simulator-options';
import { PHAXIO_TEST_NUMBERS } from './phaxio-test-numbers';
import { describePhaxioSimulator } from './describe-phaxio-simulator';

/** A running Phaxio simulator, as {@link startPhaxioSimulator} returns it. */
export interface PhaxioSimulator {
  /** API base URL including `/v2.1`, e.g. `http://127.0.0.1:41234/v2.1` (a plugin's `baseUrl`). */
  readonly url: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** A URL prefix that answers any callback 200 (use it as a public URL when nothing else listens). */
  readonly callbackSinkUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly webhookToken: string;
  /** The options in force, defaults applied. */
  readonly options: ResolvedPhaxioSimulatorOptions;
  /** Destinations with a known outcome. */
  readonly numbers: typeof PHAXIO_TEST_NUMBERS;
  /** Every fax, sent and received, by id. */
  readonly faxes: ReadonlyMap<number, PhaxioSimulatedFax>;
  /** Every request received, in order. */
  readonly requests: readonly PhaxioRecordedRequest[];
  /** Every callback delivery made (status and inbound, duplicates included), in order. */
  readonly callbacks: readonly PhaxioCallbackRecord[];
  /** The fax with this id (number or the string a plugin uses as providerSid), or null. */
  fax(id: number | string): PhaxioSimulatedFax | null;
  /** Makes the next `POST /faxes` fail this way. */
  failNextSend(mode: PhaxioFailureMode): void;
  /**
   * Makes a request of `route` (default: any API request) fail this way: the next one, or the one
   * after `skip` requests of that route went through normally.
   */
  failNextRequest(mode: PhaxioFailureMode, route?: PhaxioRoute, skip?: number): void;
  /** Delays every API answer from now on. */
  setResponseDelay(ms: number): void;
  /** Resolves with the first callback delivery (made or to come) that `match` accepts. */
  waitForCallback(match: (record: PhaxioCallbackRecord) => boolean, timeoutMs?: number): Promise<PhaxioCallbackRecord>;
  /** Posts a signed v2.1 receive webhook (`fax` JSON + the PDF in file part `file`); resolves with its record. */
  deliverInbound(delivery: PhaxioInboundDelivery): Promise<PhaxioCallbackRecord>;
  /** A printable summary: URL, credentials, test numbers, timings, endpoints. */
  describe(): string;
  /** Stops timers, callbacks and the server; unanswered requests are cut off. */
  close(): Promise<void>;
}

function statusFields(fax: PhaxioFax, event: PhaxioFaxEvent, isTest: boolean): Array<{ name: string; value: string }> {
  const fields = [
    { name: 'event_type', value: event.type },
    { name: 'success', value: String(fax.status === 'success') },
    { name: 'is_test', value: String(isTest) },
    { name: 'direction', value: 'sent' },
  ];
  if (event.type === 'transmitting_page') {
    fields.push({ name: 'page', value: String(event.page) }, { name: 'recipient_phone_number', value: event.recipient });
  }
  fields.push({ name: 'fax', value: JSON.stringify(fax) });
  return fields;
}

/**
 * Starts a wire-faithful Phaxio v2.1 simulator on a real HTTP server: HTTP Basic auth, multipart
 * `POST /faxes` (file parts or fetched `content_url`s, `tag[...]`, `callback_url`), `GET
 * /faxes/{id}`, `GET /faxes` with tag filters, `POST /faxes/{id}/cancel`, `GET /faxes/{id}/file`;
 * faxes progress on timers and end in signed `fax_completed` webhooks. Destinations pick outcomes
 * ({@link PHAXIO_TEST_NUMBERS}); failures can be queued. Knows nothing of Faxbot.
 *
 * @example
 * const phaxio = await startPhaxioSimulator({ queuedMs: 20, inProgressMs: 50 });
 * console.log(phaxio.describe());
 * await phaxio.close();
 */
export async function startPhaxioSimulator(options: PhaxioSimulatorOptions = {}): Promise<PhaxioSimulator> {
  const resolved = resolvePhaxioSimulatorOptions(options);
  const faxes = new Map<number, PhaxioSimulatedFax>();
  const callbacks = new PhaxioCallbackSender(resolved);
  // Deliveries for one fax go out one after another, so "out of order" means what the test asked.
  const chains = new Map<number, Promise<unknown>>();
  const lifecycle = new PhaxioFaxLifecycle(resolved, (record, event, snapshot) => {
    const url = record.callbackUrl;
    if (url === null || url.startsWith('mailto:')) return;
    const post = () => callbacks.post({ kind: 'status', eventType: event.type, fax: snapshot, url, fields: statusFields(snapshot, event, resolved.isTest), files: [] });
    chains.set(record.id, (chains.get(record.id) ?? Promise.resolve()).then(post, post));
  });
  let nextId = resolved.firstFaxId;
  const state: PhaxioApiState = {
    options: resolved,
    responseDelayMs: resolved.responseDelayMs,
    faxes,
    nextFaxId: () => nextId++,
    lifecycle,
    failures: new PhaxioFailureQueue(),
    requests: [],
  };
  const server = createServer((request, response) => {
    handlePhaxioRequest(state, request, response).catch(() => {
      if (!response.headersSent && !response.destroyed) response.writeHead(500, { 'content-type': 'application/json' }).end('{"success":false,"message":"simulator error"}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host}:${port}`;

  const simulator: PhaxioSimulator = {
    url: `${origin}${PHAXIO_API_PREFIX}`,
    origin,
    callbackSinkUrl: `${origin}${CALLBACK_SINK_PREFIX}`,
    apiKey: resolved.apiKey,
    apiSecret: resolved.apiSecret,
    webhookToken: resolved.webhookToken,
    options: resolved,
    numbers: PHAXIO_TEST_NUMBERS,
    faxes,
    requests: state.requests,
    callbacks: callbacks.records,
    fax: (id) => faxes.get(Number(id)) ?? null,
    failNextSend: (mode) => state.failures.push(mode, 'send'),
    failNextRequest: (mode, route = 'any', skip = 0) => state.failures.push(mode, route, skip),
    setResponseDelay: (ms) => {
      state.responseDelayMs = ms;
    },
    waitForCallback: (match, timeoutMs) => callbacks.waitFor(match, timeoutMs),
    deliverInbound: async (delivery) => {
      const record = createInboundFax(state.nextFaxId(), delivery, resolved.isTest);
      faxes.set(record.id, record);
      return callbacks.post({
        kind: 'inbound',
        eventType: null,
        fax: record.fax,
        url: delivery.url,
        fields: [{ name: 'fax', value: JSON.stringify(record.fax) }],
        files: delivery.omitFile === true ? [] : [{ name: 'file', fileName: `Fax-${record.id}.pdf`, contentType: 'application/pdf', bytes: delivery.pdf }],
        ...(delivery.signWith === undefined ? {} : { signWith: delivery.signWith }),
      });
    },
    describe: () => describePhaxioSimulator(simulator),
    close: async () => {
      lifecycle.close();
      await callbacks.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return simulator;
}
