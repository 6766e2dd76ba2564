import { createHmac } from 'node:crypto';
import { encodeSinchMultipart, type SinchMultipartPart } from './encode-sinch-multipart';

/** Sinch's callback events. */
export type SinchCallbackEvent = 'FAX_COMPLETED' | 'INCOMING_FAX';

/** A callback ready to post: where to, with which headers and bytes. */
export interface SinchCallbackRequest {
  faxId: string;
  event: SinchCallbackEvent;
  /** The target without embedded credentials (what an HTTP client actually requests). */
  url: string;
  /** Header names in lower case, exactly as posted. */
  headers: Record<string, string>;
  body: Buffer;
}

/** What goes into one callback. */
export interface SinchCallbackContent {
  faxId: string;
  event: SinchCallbackEvent;
  /** The callback URL as configured, possibly with `user:pass@` credentials. */
  targetUrl: string;
  contentType: 'multipart/form-data' | 'application/json';
  /** The Fax object as the callback carries it (Sinch's wire JSON). */
  fax: Record<string, unknown>;
  /** The document to attach, if any. */
  file: Buffer | null;
  eventTime: string;
  /**
   * Not a Sinch feature: a secret to add `X-Sinch-Signature` (hex HMAC-SHA256 of the body), as a
   * signing relay in front of Faxbot would, for the original's `SINCH_INBOUND_HMAC_SECRET` check.
   */
  signingSecret?: string;
}

/**
 * Builds a callback the way Sinch posts it: multipart (`event`, `eventTime`, `fax` as JSON text,
 * the PDF as a `file` part) or JSON (`file` base64 with `fileType`). Credentials embedded in the
 * URL become an `Authorization: Basic` header, as any HTTP client sends them.
 */
export function buildSinchCallback(content: SinchCallbackContent): SinchCallbackRequest {
  const target = new URL(content.targetUrl);
  const headers: Record<string, string> = { 'user-agent': 'sinch-fax-simulator/1.0' };
  if (target.username !== '' || target.password !== '') {
    const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers['authorization'] = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  let body: Buffer;
  if (content.contentType === 'application/json') {
    const json: Record<string, unknown> = { event: content.event, eventTime: content.eventTime, fax: content.fax };
    if (content.file !== null) {
      json['file'] = content.file.toString('base64');
      json['fileType'] = 'PDF';
    }
    body = Buffer.from(JSON.stringify(json), 'utf8');
    headers['content-type'] = 'application/json';
  } else {
    const parts: SinchMultipartPart[] = [
      { name: 'event', value: content.event },
      { name: 'eventTime', value: content.eventTime },
      { name: 'fax', value: JSON.stringify(content.fax), contentType: 'application/json' },
    ];
    if (content.file !== null) parts.push({ name: 'file', fileName: `${content.faxId}.pdf`, contentType: 'application/pdf', bytes: content.file });
    const encoded = encodeSinchMultipart(parts);
    body = encoded.body;
    headers['content-type'] = encoded.contentType;
  }
  if (content.signingSecret !== undefined && content.signingSecret !== '') {
    headers['x-sinch-signature'] = createHmac('sha256', content.signingSecret).update(body).digest('hex');
  }
  return { faxId: content.faxId, event: content.event, url: target.toString(), headers, body };
}
