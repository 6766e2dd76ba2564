import { codeForAnswer, FaxbotApiError } from '@faxbot/api-client';

/** A message as the API returns it (docs/api-reference.md, "The message object"). */
export interface ApiMessage {
  id: string;
  conversation_id: string;
  direction: string;
  status: string;
  to: string | null;
  from: string | null;
  body: string;
  error_code: string | null;
  error: string | null;
  backend: string;
  created_at: string;
  updated_at: string;
}

/** A conversation as `GET /conversations` lists it. */
export interface ApiConversation {
  id: string;
  peer: string;
  message_count: number;
  last_message: ApiMessage | null;
  updated_at: string;
  backend: string;
}

/** Per-call options. */
export interface MessagingCallOptions {
  signal?: AbortSignal;
}

/** The messaging routes of the Faxbot API. Every failure is a `FaxbotApiError`. */
export interface MessagingApiClient {
  sendMessage(input: { to: string; body: string }, options?: MessagingCallOptions): Promise<ApiMessage>;
  getMessage(id: string, options?: MessagingCallOptions): Promise<ApiMessage>;
  listConversations(query: { limit: number; cursor?: string }, options?: MessagingCallOptions): Promise<{ items: ApiConversation[]; nextCursor: string | null }>;
  reply(conversationId: string, input: { body: string }, options?: MessagingCallOptions): Promise<ApiMessage>;
}

/** Options for {@link createMessagingApiClient}; the same as the fax client's. */
export interface MessagingApiClientOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
}

// Answers are small JSON documents; a page of 100 conversations with 1600-character texts fits.
const MAX_RESPONSE_BYTES = 1024 * 1024;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMessage(value: unknown): value is ApiMessage {
  return isObject(value) && typeof value['id'] === 'string' && typeof value['status'] === 'string' && typeof value['conversation_id'] === 'string';
}

function isConversation(value: unknown): value is ApiConversation {
  return isObject(value) && typeof value['id'] === 'string' && typeof value['message_count'] === 'number' && (value['last_message'] === null || isMessage(value['last_message']));
}

const unexpected = (status: number): FaxbotApiError => new FaxbotApiError('UNAVAILABLE', status, 'Unexpected response from the Faxbot API');

/**
 * A small client for `POST /messages`, `GET /messages/{id}`, `GET /conversations` and
 * `POST /conversations/{id}/messages`, with the fax client's error vocabulary so the tools map
 * failures the same way. Redirects are refused, so the key only goes to `baseUrl`.
 *
 * @example
 * const messaging = createMessagingApiClient({ baseUrl: 'http://localhost:8080', apiKey, timeoutMs: 30_000 });
 * const message = await messaging.sendMessage({ to: '+15551234567', body: 'Hello' });
 */
export function createMessagingApiClient(options: MessagingApiClientOptions): MessagingApiClient {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call(method: 'GET' | 'POST', path: string, body: unknown, callOptions: MessagingCallOptions = {}): Promise<{ status: number; json: unknown; headers: Headers }> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = callOptions.signal ? AbortSignal.any([callOptions.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        redirect: 'manual',
        signal,
        headers: {
          Accept: 'application/json',
          'User-Agent': 'faxbot-mcp-messaging/0.1',
          ...(options.apiKey ? { 'X-API-Key': options.apiKey } : {}),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (timeout.aborted) throw new FaxbotApiError('NETWORK', 0, `The Faxbot API did not answer within ${options.timeoutMs} ms`, { cause: error });
      if (callOptions.signal?.aborted) throw new FaxbotApiError('NETWORK', 0, 'The request to the Faxbot API was cancelled', { cause: error });
      throw new FaxbotApiError('NETWORK', 0, 'Cannot reach the Faxbot API (connection failed)', { cause: error });
    }
    const text = await response.text().catch(() => '');
    if (text.length > MAX_RESPONSE_BYTES) throw unexpected(response.status);
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.status < 200 || response.status >= 300) {
      const detail = isObject(json) && typeof json['detail'] === 'string' ? json['detail'] : undefined;
      throw new FaxbotApiError(codeForAnswer(response.status, detail), response.status, detail ?? `HTTP ${response.status}`);
    }
    return { status: response.status, json, headers: response.headers };
  }

  async function message(method: 'GET' | 'POST', path: string, body: unknown, callOptions?: MessagingCallOptions): Promise<ApiMessage> {
    const answer = await call(method, path, body, callOptions);
    if (!isMessage(answer.json)) throw unexpected(answer.status);
    return answer.json;
  }

  return {
    sendMessage: (input, callOptions) => message('POST', '/messages', { to: input.to, body: input.body }, callOptions),
    getMessage: (id, callOptions) => message('GET', `/messages/${encodeURIComponent(id)}`, undefined, callOptions),
    reply: (conversationId, input, callOptions) => message('POST', `/conversations/${encodeURIComponent(conversationId)}/messages`, { body: input.body }, callOptions),
    async listConversations(query, callOptions) {
      const search = new URLSearchParams({ limit: String(query.limit), ...(query.cursor === undefined ? {} : { cursor: query.cursor }) });
      const answer = await call('GET', `/conversations?${search.toString()}`, undefined, callOptions);
      if (!Array.isArray(answer.json) || !answer.json.every(isConversation)) throw unexpected(answer.status);
      const next = answer.headers.get('x-next-cursor');
      return { items: answer.json, nextCursor: next === null || next === '' ? null : next };
    },
  };
}
