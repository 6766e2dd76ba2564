import { FaxbotError, type SendOptions } from '@faxbot/plugin-sdk';
import type { SinchBody } from './sinch-api.client';
import type { SinchConfig } from './sinch-config';

/** The label (Sinch's key/value store on a fax) carrying the send's idempotency key. */
export const IDEMPOTENCY_LABEL = 'faxbotIdempotencyKey';
/** The label carrying the host's job id, so an operator can find a job's faxes in Sinch. */
export const JOB_LABEL = 'faxbotJobId';

/** What goes into one `POST /faxes`. */
export interface SinchSendInput {
  options: SendOptions;
  config: SinchConfig;
  /** The status callback URL, credentials embedded when configured (a secret). */
  callbackUrl: string;
}

/**
 * Builds the multipart body of a send: `to`, optional `from` and `serviceId`, the callback URL
 * (multipart callbacks), labels with the job id and idempotency key, and the document — as a
 * `file` part (`upload`) or as a `contentUrl` Sinch fetches (`content_url`). The body is encoded
 * to bytes once so an OAuth refresh can repeat the request unchanged.
 *
 * The file part is named `fax.pdf`/`fax.txt`: the user's file name is PHI and stays here.
 */
export async function buildSinchSendBody(input: SinchSendInput): Promise<SinchBody> {
  const { options, config } = input;
  const form = new FormData();
  form.append('to', options.to);
  if (config.fromNumber !== '') form.append('from', config.fromNumber);
  if (config.serviceId !== '') form.append('serviceId', config.serviceId);
  form.append('callbackUrl', input.callbackUrl);
  form.append('callbackUrlContentType', 'multipart/form-data');
  form.append(`labels[${JOB_LABEL}]`, options.jobId);
  form.append(`labels[${IDEMPOTENCY_LABEL}]`, options.idempotencyKey);
  if (config.documentDelivery === 'content_url') {
    if (options.document.createPublicUrl === undefined) {
      throw new FaxbotError('CONFIG_INVALID', 'sinch: documentDelivery is content_url but the host has no public document URL (set PUBLIC_API_URL, or use upload)');
    }
    form.append('contentUrl', await options.document.createPublicUrl({ ttlSeconds: config.contentUrlTtlSeconds }));
  } else {
    const bytes = await options.document.read();
    const pdf = options.document.type === 'pdf';
    form.append('file', new Blob([bytes], { type: pdf ? 'application/pdf' : 'text/plain' }), pdf ? 'fax.pdf' : 'fax.txt');
  }
  // The platform's own encoder writes the boundary and escapes names; we keep the bytes.
  const request = new Request('http://sinch.invalid/', { method: 'POST', body: form });
  return { bytes: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? 'multipart/form-data' };
}
