import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FormParseError, parseFormRequest, type ParsedForm } from './parse-form-request';
import { checkCreateRequest, createSimulatedFax } from './phaxio-create-fax';
import type { PhaxioFailureQueue } from './phaxio-failure-queue';
import type { PhaxioFaxLifecycle } from './phaxio-fax-lifecycle';
import { queryPhaxioFaxes } from './phaxio-fax-query';
import type { PhaxioRecordedRequest } from './phaxio-recorded-request';
import type { PhaxioSimulatedFax } from './phaxio-simulated-fax';
import type { PhaxioFailureMode, ResolvedPhaxioSimulatorOptions } from './phaxio-simulator-options';

/** Path prefix of the simulated API; the handle's `url` ends with it. */
export const PHAXIO_API_PREFIX = '/v2.1';
/** Path prefix that accepts any callback with 200, for tests without a receiver of their own. */
export const CALLBACK_SINK_PREFIX = '/callback-sink';

/** What the router reads and changes; owned by the simulator. */
export interface PhaxioApiState {
  options: ResolvedPhaxioSimulatorOptions;
  /** Delay before every API answer; tests change it at run time. */
  responseDelayMs: number;
  faxes: Map<number, PhaxioSimulatedFax>;
  nextFaxId(): number;
  lifecycle: PhaxioFaxLifecycle;
  failures: PhaxioFailureQueue;
  requests: PhaxioRecordedRequest[];
}

type Route = { route: 'send' | 'list' } | { route: 'get' | 'cancel' | 'file'; id: number };

const SERVER_ERROR = 'An internal server error occurred; please try again later';
const FAILURE_ANSWERS: Partial<Record<PhaxioFailureMode, [number, string]>> = {
  server_error: [500, SERVER_ERROR],
  client_error: [422, 'The request could not be processed'],
  rate_limited: [429, 'Rate limit exceeded; please slow down'],
  unauthorized: [401, 'Invalid API credentials'],
};

const AFTER_ACCEPTANCE: Partial<Record<PhaxioFailureMode, PhaxioFailureMode>> = {
  accepted_then_timeout: 'timeout',
  accepted_then_server_error: 'server_error',
};

function matchRoute(method: string, path: string): Route | null {
  const rest = path.replace(/\/+$/, '').slice(PHAXIO_API_PREFIX.length);
  if (rest === '/faxes') return method === 'POST' ? { route: 'send' } : method === 'GET' ? { route: 'list' } : null;
  const match = /^\/faxes\/(\d+)(\/cancel|\/file)?$/.exec(rest);
  if (match === null) return null;
  const id = Number(match[1]);
  if (match[2] === undefined) return method === 'GET' ? { route: 'get', id } : null;
  if (match[2] === '/cancel') return method === 'POST' ? { route: 'cancel', id } : null;
  return method === 'GET' ? { route: 'file', id } : null;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** HTTP Basic `API_KEY:API_SECRET`, as Phaxio recommends (https://www.phaxio.com/docs/api/v2/intro/authentication). */
function isAuthorized(request: IncomingMessage, options: ResolvedPhaxioSimulatorOptions): boolean {
  const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (match === null) return false;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && sameText(decoded.slice(0, colon), options.apiKey) && sameText(decoded.slice(colon + 1), options.apiSecret);
}

/**
 * Answers one request to the simulated Phaxio v2.1 API (or the callback sink), recording it in
 * `state.requests`. Queued failures are applied after the body was read, as a real server fails.
 */
export async function handlePhaxioRequest(state: PhaxioApiState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://simulator.invalid');
  const method = request.method ?? 'GET';
  const record: PhaxioRecordedRequest = {
    method,
    path: url.pathname,
    query: [...url.searchParams],
    route: 'unknown',
    authorized: false,
    fields: [],
    files: [],
    status: null,
    receivedAt: new Date().toISOString(),
  };
  state.requests.push(record);
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    record.status = status;
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const type = Buffer.isBuffer(body) ? 'application/pdf' : 'application/json';
    if (!response.destroyed) response.writeHead(status, { 'content-type': type, 'content-length': String(bytes.length), ...headers }).end(bytes);
  };

  let form: ParsedForm;
  try {
    form = await parseFormRequest(request);
  } catch (error) {
    if (error instanceof FormParseError) return reply(400, { success: false, message: error.message });
    throw error;
  }
  record.fields = form.fields;
  record.files = form.files.map((file) => ({ name: file.name, fileName: file.fileName, bytes: file.bytes.length }));

  if (url.pathname === CALLBACK_SINK_PREFIX || url.pathname.startsWith(`${CALLBACK_SINK_PREFIX}/`)) {
    record.route = 'sink';
    return reply(200, { ok: true });
  }
  const route = url.pathname.startsWith(`${PHAXIO_API_PREFIX}/`) ? matchRoute(method, url.pathname) : null;
  if (route === null) return reply(404, { success: false, message: 'Not found' });
  record.route = route.route;
  if (!isAuthorized(request, state.options)) return reply(401, { success: false, message: 'Invalid API credentials' });
  record.authorized = true;

  const failure = state.failures.take(route.route);
  if (state.responseDelayMs > 0) await sleep(state.responseDelayMs);
  if (failure === 'connection_reset') {
    request.socket.destroy();
    return;
  }
  // Only a send has something to accept first; elsewhere the "accepted_then_*" modes are plain failures.
  const mode = failure !== null && route.route !== 'send' ? (AFTER_ACCEPTANCE[failure] ?? failure) : failure;
  if (mode === 'timeout') return;
  const canned = mode === null ? undefined : FAILURE_ANSWERS[mode];
  if (canned !== undefined) return reply(canned[0], { success: false, message: canned[1] }, canned[0] === 429 ? { 'retry-after': '1' } : {});

  switch (route.route) {
    case 'send': {
      const check = checkCreateRequest(form);
      if (!check.ok) return reply(422, { success: false, message: check.message });
      const fax = await createSimulatedFax(state.nextFaxId(), check.request, state.options);
      state.faxes.set(fax.id, fax);
      state.lifecycle.begin(fax);
      if (failure === 'accepted_then_timeout') return;
      if (failure === 'accepted_then_server_error') return reply(500, { success: false, message: SERVER_ERROR });
      return reply(200, { success: true, message: 'Fax queued for sending', data: { id: fax.id } });
    }
    case 'list': {
      const result = queryPhaxioFaxes(state.faxes.values(), url.searchParams);
      if (!result.ok) return reply(422, { success: false, message: result.message });
      return reply(200, { success: true, message: 'Retrieved faxes successfully', data: result.page.faxes.map((fax) => fax.fax), paging: result.page.paging });
    }
    default: {
      const fax = state.faxes.get(route.id);
      if (fax === undefined) return reply(404, { success: false, message: 'Fax not found' });
      if (route.route === 'get') return reply(200, { success: true, message: 'Retrieved fax successfully', data: fax.fax });
      if (route.route === 'cancel') {
        if (!state.lifecycle.cancel(fax)) return reply(422, { success: false, message: 'Fax cannot be cancelled in its current state' });
        return reply(200, { success: true, message: 'Fax canceled successfully.', data: { id: fax.id } });
      }
      const document = fax.documents.find((candidate) => candidate.bytes.length > 0);
      if (document === undefined) return reply(404, { success: false, message: 'Fax file not found' });
      return reply(200, document.bytes);
    }
  }
}
