import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { sendTextFax, startTestGateway, type TestGateway } from '../testing/test-gateway.test-helpers';

/** One parsed Server-Sent Event. */
interface Frame {
  id: number;
  event: string;
  data: { id: number; type: string; source: string; time: string; payload: Record<string, unknown> };
}

/** Reads an SSE response, frame by frame, and keeps the raw text for PHI checks. */
class StreamReader {
  raw = '';
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** Reads until `done` holds for the frames seen so far, or fails after `timeoutMs`. */
  async until(done: (frames: Frame[]) => boolean, timeoutMs = 10_000): Promise<Frame[]> {
    const frames: Frame[] = [];
    const deadline = Date.now() + timeoutMs;
    while (!done(frames)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`stream did not deliver in time; got ${frames.map((frame) => frame.event).join(', ')}`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('read timed out')), remaining);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('stream ended');
      const text = this.decoder.decode(chunk.value, { stream: true });
      this.raw += text;
      this.buffer += text;
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        if (fields['event'] !== undefined) frames.push({ id: Number(fields['id']), event: fields['event'], data: JSON.parse(fields['data'] ?? '{}') as Frame['data'] });
      }
    }
    return frames;
  }
}

describe('GET /events (Server-Sent Events)', () => {
  jest.setTimeout(30_000);
  let t: TestGateway;
  let server: Server | undefined;
  let base: string;

  beforeAll(async () => {
    t = await startTestGateway('sqlite');
    const listening = t.app.listen(0, '127.0.0.1');
    server = listening;
    await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    const listening = server;
    if (listening !== undefined) {
      listening.closeAllConnections();
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
    // Undefined only when beforeAll itself failed.
    await (t as TestGateway | undefined)?.close();
  });

  const connect = (headers: Record<string, string>, query = ''): { response: Promise<Response>; abort: () => void } => {
    const controller = new AbortController();
    return { response: fetch(`${base}/events${query}`, { headers, signal: controller.signal }), abort: () => controller.abort() };
  };

  it('streams a fax job from creation to completion to an admin, with ids and no PHI', async () => {
    const stream = connect({ 'X-API-Key': t.apiKey });
    const response = await stream.response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = new StreamReader(response.body as ReadableStream<Uint8Array>);

    const sent = await sendTextFax(t.app, t.apiKey, '+15559876543');
    expect(sent.status).toBe(202);
    const jobId = String(sent.body.id);
    const mine = (frames: Frame[]): Frame[] => frames.filter((frame) => frame.data.payload['jobId'] === jobId);
    const frames = mine(await reader.until((seen) => mine(seen).some((frame) => frame.event === 'job.completed')));

    expect(frames.map((frame) => frame.event)).toEqual(expect.arrayContaining(['job.created', 'job.queued', 'job.processing', 'fax.sent', 'fax.status_changed', 'job.completed']));
    expect(frames.find((frame) => frame.event === 'job.created')?.data).toMatchObject({ type: 'job.created', source: 'core', payload: { jobId, backend: 'loopback', documentType: 'pdf' } });
    expect(frames.find((frame) => frame.event === 'job.completed')?.data.payload).toEqual({ jobId, backend: 'loopback', status: 'SUCCESS', errorCode: null, pages: expect.any(Number) });
    for (const frame of frames) expect(frame.data.id).toBe(frame.id);
    expect(frames.map((frame) => frame.id)).toEqual([...frames.map((frame) => frame.id)].sort((a, b) => a - b));
    expect(reader.raw).not.toContain('9876543');
    expect(reader.raw).not.toContain('note.txt');

    // The server notices the client going away and ends the subscription.
    stream.abort();
    for (let i = 0; i < 100 && !t.logs().includes('event stream closed'); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.logs()).toContain('event stream closed');
  });

  it('filters by types and replays missed events after Last-Event-ID', async () => {
    const sent = await sendTextFax(t.app, t.apiKey, '+15551230000');
    const jobId = String(sent.body.id);
    const stream = connect({ 'X-API-Key': t.apiKey, 'Last-Event-ID': '0' }, '?types=job.created,fax.*');
    const response = await stream.response;
    const reader = new StreamReader(response.body as ReadableStream<Uint8Array>);
    const has = (seen: Frame[], event: string): boolean => seen.some((frame) => frame.event === event && frame.data.payload['jobId'] === jobId);
    const frames = await reader.until((seen) => has(seen, 'job.created') && has(seen, 'fax.sent'));
    expect(new Set(frames.map((frame) => frame.event.split('.')[0]))).toEqual(new Set(['job', 'fax']));
    expect(frames.filter((frame) => frame.event.startsWith('job.')).every((frame) => frame.event === 'job.created')).toBe(true);
    stream.abort();
  });

  it.each([
    ['no key', {}, 401, 'Invalid or missing API key'],
    ['a wrong key', { 'X-API-Key': 'nope' }, 401, 'Invalid or missing API key'],
  ])('refuses %s (%j) with %i JSON before any stream starts', async (_case, headers, status, detail) => {
    const response = await fetch(`${base}/events`, { headers });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ detail });
  });

  it('refuses a key without admin:events:read with 403', async () => {
    const created = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).send({ name: 'reader', scopes: ['fax:read'] });
    expect(created.status).toBe(200);
    const response = await fetch(`${base}/events`, { headers: { 'X-API-Key': String(created.body.token) } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ detail: 'Insufficient scope: admin:events:read required' });

    const admin = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).send({ name: 'events', scopes: ['admin:events:read'] });
    const allowed = connect({ 'X-API-Key': String(admin.body.token) });
    expect((await allowed.response).status).toBe(200);
    allowed.abort();
  });

  it('refuses a malformed types filter with 400', async () => {
    const response = await fetch(`${base}/events?types=job.*.x`, { headers: { 'X-API-Key': t.apiKey } });
    expect(response.status).toBe(400);
  });
});
