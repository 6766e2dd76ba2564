import type { PhaxioFax, PhaxioFaxStatus } from './phaxio-fax';
import { buildMultipartBody, type MultipartField, type MultipartFile } from './multipart-body';
import { signPhaxioWebhook } from './phaxio-webhook-signature';

/** One webhook request the simulator made (each duplicate delivery is its own record). */
export interface PhaxioCallbackRecord {
  /** `status` for sent-fax webhooks, `inbound` for received faxes. */
  kind: 'status' | 'inbound';
  /** `fax_completed` or `transmitting_page`; null for inbound deliveries. */
  eventType: string | null;
  faxId: number;
  /** The fax's status in the `fax` field of this request. */
  faxStatus: PhaxioFaxStatus;
  /** The URL posted to, exactly as given to Phaxio (the signature covers it). */
  url: string;
  /** Request headers as sent, names in lower case. */
  headers: Record<string, string>;
  /** The raw multipart body. */
  body: Buffer;
  fields: MultipartField[];
  files: MultipartFile[];
  signature: string;
  /** 1 for the first delivery, 2 and up for duplicates. */
  delivery: number;
  sentAt: string;
  /** The receiver's HTTP status; null when the request failed (then `error` says why). */
  responseStatus: number | null;
  error: string | null;
}

/** What to post: the form, where, and what it is about. */
export interface PhaxioCallbackInput {
  kind: 'status' | 'inbound';
  eventType: string | null;
  fax: PhaxioFax;
  url: string;
  fields: MultipartField[];
  files: MultipartFile[];
  /** Sign with this token instead of the account's (to forge a request in a test). */
  signWith?: string;
}

type Waiter = { match: (record: PhaxioCallbackRecord) => boolean; resolve: (record: PhaxioCallbackRecord) => void; reject: (error: Error) => void };

/**
 * Posts signed multipart webhooks the way Phaxio does, records every delivery (duplicates too),
 * and lets tests wait for one.
 */
export class PhaxioCallbackSender {
  readonly records: PhaxioCallbackRecord[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly closing = new AbortController();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: { webhookToken: string; duplicateCallbacks: number; callbackTimeoutMs: number }) {}

  /** Posts `input` once plus the configured duplicates, one after the other; resolves with the first record. */
  post(input: PhaxioCallbackInput): Promise<PhaxioCallbackRecord> {
    const run = (async () => {
      const { body, contentType } = buildMultipartBody(input.fields, input.files);
      const signature = signPhaxioWebhook(input.signWith ?? this.options.webhookToken, { url: input.url, fields: input.fields, files: input.files });
      const headers = { 'content-type': contentType, 'x-phaxio-signature': signature, 'user-agent': 'Phaxio-Simulator/2.1' };
      let first: PhaxioCallbackRecord | null = null;
      for (let delivery = 1; delivery <= 1 + this.options.duplicateCallbacks; delivery += 1) {
        const record = await this.deliver(input, { body, headers, signature, delivery });
        first ??= record;
      }
      return first as PhaxioCallbackRecord;
    })();
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run)).catch(() => undefined);
    return run;
  }

  /** Resolves with the first delivery (made or still to come) that `match` accepts. */
  waitFor(match: (record: PhaxioCallbackRecord) => boolean, timeoutMs = 10_000): Promise<PhaxioCallbackRecord> {
    const done = this.records.find(match);
    if (done !== undefined) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching Phaxio callback within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (record) => {
          clearTimeout(timer);
          resolve(record);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Aborts deliveries in flight and fails every waiter. */
  async close(): Promise<void> {
    this.closing.abort();
    for (const waiter of this.waiters) waiter.reject(new Error('the Phaxio simulator was closed'));
    this.waiters.clear();
    await Promise.allSettled([...this.pending]);
  }

  private async deliver(
    input: PhaxioCallbackInput,
    prepared: { body: Buffer; headers: Record<string, string>; signature: string; delivery: number },
  ): Promise<PhaxioCallbackRecord> {
    const record: PhaxioCallbackRecord = {
      kind: input.kind,
      eventType: input.eventType,
      faxId: input.fax.id,
      faxStatus: input.fax.status,
      url: input.url,
      headers: { ...prepared.headers },
      body: prepared.body,
      fields: input.fields,
      files: input.files,
      signature: prepared.signature,
      delivery: prepared.delivery,
      sentAt: new Date().toISOString(),
      responseStatus: null,
      error: null,
    };
    if (this.closing.signal.aborted) {
      record.error = 'simulator closed';
    } else {
      try {
        const { target, authorization } = splitCredentials(input.url);
        const headers = authorization === null ? prepared.headers : { ...prepared.headers, authorization };
        const signal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.options.callbackTimeoutMs)]);
        const response = await fetch(target, { method: 'POST', headers, body: prepared.body, signal });
        await response.arrayBuffer();
        record.responseStatus = response.status;
      } catch (error) {
        record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
    this.records.push(record);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(record)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(record);
    }
    return record;
  }
}

/**
 * Phaxio accepts callback URLs with Basic credentials (`https://user:pass@host/path`) and sends
 * them as an Authorization header; fetch refuses such URLs, so they are split here.
 */
function splitCredentials(url: string): { target: string; authorization: string | null } {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { target: url, authorization: null };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { target: parsed.toString(), authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}
