import type { IncomingMessage, ServerResponse } from 'node:http';
import { isE164 } from './sinch-destinations';
import { toSinchFaxJson, type SimulatedSinchFax } from './sinch-fax';
import { readSinchFaxRequest, SinchRequestBodyError, type SinchFaxRequestBody } from './read-sinch-fax-request';
import type { RecordedSinchRequest } from './sinch-simulator.types';
import type { SinchSimulatorState } from './sinch-simulator.state';

type FieldViolation = { field: string; description: string };

/** Sinch's error body (Google API style), e.g. `{ error: { code: 400, status: 'INVALID_ARGUMENT' } }`. */
function errorBody(code: number, status: string, message: string, violations: FieldViolation[] = []): Record<string, unknown> {
  const error: Record<string, unknown> = { code, message, status };
  if (violations.length > 0) error['details'] = [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: violations }];
  return { error };
}

function drain(request: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    request.on('end', resolve).on('error', () => resolve()).resume();
  });
}

/** Routes requests to the token endpoint and the fax API, recording each. */
export class SinchApiRouter {
  constructor(private readonly state: SinchSimulatorState) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const record: RecordedSinchRequest = { method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, auth: 'none', status: null };
    this.state.requests.push(record);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      if (Buffer.isBuffer(body)) {
        response.writeHead(status, { 'content-length': String(body.length), ...headers }).end(body);
        return;
      }
      const text = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
    };

    if (url.pathname === '/oauth2/token') return this.token(request, record, reply);

    const match = /^\/v3\/projects\/([^/]+)\/faxes(?:\/([^/]+)(\/file\.pdf)?)?\/?$/.exec(url.pathname);
    record.auth = this.state.tokens.authenticate(request.headers.authorization);
    if (this.state.settings.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.state.settings.responseDelayMs));
    if (record.auth !== 'bearer' && record.auth !== 'basic') {
      await drain(request);
      return reply(401, errorBody(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'), { 'www-authenticate': 'Bearer' });
    }
    if (match === null) {
      await drain(request);
      return reply(404, errorBody(404, 'NOT_FOUND', 'Not found'));
    }
    const [, projectId, faxId, file] = match;
    if (decodeURIComponent(projectId as string) !== this.state.settings.projectId) {
      await drain(request);
      return reply(404, errorBody(404, 'NOT_FOUND', 'Project not found'));
    }
    if (faxId === undefined) {
      if (request.method !== 'POST') {
        await drain(request);
        return reply(405, errorBody(405, 'METHOD_NOT_ALLOWED', 'Method not allowed'));
      }
      return this.send(request, reply);
    }
    await drain(request);
    if (request.method !== 'GET') return reply(405, errorBody(405, 'METHOD_NOT_ALLOWED', 'Method not allowed'));
    const fax = this.state.faxes.get(decodeURIComponent(faxId));
    if (fax === undefined) return reply(404, errorBody(404, 'NOT_FOUND', 'Fax not found'));
    if (file === undefined) return reply(200, toSinchFaxJson(fax));
    if (fax.document === null) return reply(404, errorBody(404, 'NOT_FOUND', 'No file stored for this fax'));
    return reply(200, fax.document, { 'content-type': 'application/pdf' });
  }

  private async token(request: IncomingMessage, record: RecordedSinchRequest, reply: (status: number, body: unknown) => void): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const valid = this.state.tokens.isKey(request.headers.authorization);
    record.auth = valid ? 'basic' : 'invalid';
    if (request.method !== 'POST') return reply(405, { error: 'invalid_request' });
    if (!valid) return reply(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials') return reply(400, { error: 'unsupported_grant_type' });
    return reply(200, this.state.tokens.issue());
  }

  private async send(request: IncomingMessage, reply: (status: number, body: unknown) => void): Promise<void> {
    const failure = this.state.failures.shift();
    if (failure === 'server_error' || failure === 'client_error' || failure === 'rate_limited' || failure === 'timeout') {
      await drain(request);
      if (failure === 'server_error') return reply(500, errorBody(500, 'INTERNAL', 'Internal error'));
      if (failure === 'client_error') return reply(400, errorBody(400, 'INVALID_ARGUMENT', 'Invalid request'));
      if (failure === 'rate_limited') return reply(429, errorBody(429, 'RESOURCE_EXHAUSTED', 'Too many requests'));
      return; // timeout: never answer; close() ends the connection
    }
    let body: SinchFaxRequestBody;
    try {
      body = await readSinchFaxRequest(request);
    } catch (error) {
      if (error instanceof SinchRequestBodyError) return reply(400, errorBody(400, 'INVALID_ARGUMENT', `Invalid request body: ${error.message}`));
      throw error;
    }
    const field = (name: string): string | undefined => body.fields.get(name)?.[0];
    const violations: FieldViolation[] = [];
    const to = field('to') ?? '';
    if (!isE164(to)) violations.push({ field: 'to', description: 'must be a phone number in E.164 format' });
    const from = field('from') ?? null;
    if (from !== null && !isE164(from)) violations.push({ field: 'from', description: 'must be a phone number in E.164 format' });
    const callbackUrl = field('callbackUrl') ?? null;
    if (callbackUrl !== null && !URL.canParse(callbackUrl)) violations.push({ field: 'callbackUrl', description: 'must be a URL' });
    const contentUrl = field('contentUrl') ?? null;
    if (contentUrl !== null && !URL.canParse(contentUrl)) violations.push({ field: 'contentUrl', description: 'must be a URL' });
    if (contentUrl === null && body.files.length === 0) violations.push({ field: 'file', description: 'a file or a contentUrl is required' });
    const callbackType = field('callbackUrlContentType') ?? field('callbackContentType') ?? 'multipart/form-data';
    if (callbackType !== 'multipart/form-data' && callbackType !== 'application/json') violations.push({ field: 'callbackUrlContentType', description: 'must be multipart/form-data or application/json' });
    if (violations.length > 0) return reply(400, errorBody(400, 'INVALID_ARGUMENT', 'Invalid argument', violations));

    const labels: Record<string, string> = {};
    for (const [name, values] of body.fields) {
      const label = /^labels\[(.+)\]$/.exec(name);
      if (label !== null) labels[label[1] as string] = values[0] as string;
    }
    let document: Buffer | null = body.files[0]?.bytes ?? null;
    let contentUrlStatus: number | null = null;
    if (document === null && contentUrl !== null) ({ document, status: contentUrlStatus } = await this.fetchContent(contentUrl));
    const fax: SimulatedSinchFax = this.state.createOutbound({
      to,
      from,
      serviceId: field('serviceId') ?? null,
      callbackUrl,
      callbackUrlContentType: callbackType as SimulatedSinchFax['callbackUrlContentType'],
      labels,
      contentUrl,
      documentSource: body.files.length > 0 ? 'file' : 'contentUrl',
      document,
      contentUrlStatus,
    });
    if (failure === 'accepted_timeout') return; // the fax exists and goes out; the answer is lost
    return reply(200, toSinchFaxJson(fax));
  }

  /**
   * Fetches a content URL the way Sinch does (credentials in the URL become Basic auth). Done
   * before answering, so a test can check what arrived as soon as the send returns.
   */
  private async fetchContent(contentUrl: string): Promise<{ document: Buffer | null; status: number | null }> {
    const target = new URL(contentUrl);
    const headers: Record<string, string> = {};
    if (target.username !== '' || target.password !== '') {
      headers['authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      target.username = '';
      target.password = '';
    }
    try {
      const response = await fetch(target, { headers, signal: AbortSignal.timeout(this.state.settings.contentFetchTimeoutMs) });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { document: response.ok && bytes.length > 0 ? bytes : null, status: response.status };
    } catch {
      return { document: null, status: null };
    }
  }
}
