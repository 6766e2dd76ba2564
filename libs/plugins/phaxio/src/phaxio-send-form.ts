import { FaxbotError, type FaxDocument } from '@faxbot/plugin-sdk';
import type { PhaxioConfig } from './phaxio-config';

/** The Phaxio tag a send carries its idempotency key in; the lookup before each send filters on it. */
export const IDEMPOTENCY_TAG = 'faxbot_key';
/** The Phaxio tag with the host's job id, to find a job's faxes in Phaxio's console. */
export const JOB_TAG = 'faxbot_job';

/** What one send posts. */
export interface SendFormInput {
  to: string;
  document: FaxDocument;
  jobId: string;
  idempotencyKey: string;
  callbackUrl: string;
  config: Pick<PhaxioConfig, 'documentDelivery' | 'callerId' | 'headerText' | 'contentUrlTtlSeconds'>;
}

async function uploadPart(document: FaxDocument): Promise<Blob> {
  let bytes: Buffer;
  try {
    bytes = await document.read();
  } catch (error) {
    throw new FaxbotError('DOCUMENT_UNREADABLE', 'phaxio: the document could not be read', { cause: error });
  }
  if (bytes.length === 0) throw new FaxbotError('DOCUMENT_UNREADABLE', 'phaxio: the document is empty');
  return new Blob([bytes], { type: document.mimeType });
}

async function contentUrl(document: FaxDocument, ttlSeconds: number): Promise<string> {
  if (document.createPublicUrl === undefined) {
    throw new FaxbotError(
      'NOT_SUPPORTED',
      'phaxio: documentDelivery "content_url" needs public document URLs, which this host cannot give (is PUBLIC_API_URL set?); use documentDelivery "upload" instead',
    );
  }
  try {
    return await document.createPublicUrl(ttlSeconds > 0 ? { ttlSeconds } : undefined);
  } catch (error) {
    // Nothing was sent to Phaxio yet, so a later attempt may simply work.
    throw new FaxbotError('INTERNAL', 'phaxio: the host could not create a public URL for the document', { cause: error, retryable: true });
  }
}

/**
 * The multipart form of Phaxio's "create and send a fax" call: `to`, the document as file part
 * `file` (named `fax.pdf`/`fax.txt`: the uploaded name may be PHI, and Phaxio only needs the
 * extension) or as `content_url`, `callback_url`, the idempotency key and job id as tags, and the
 * optional caller id and header text.
 */
export async function buildSendForm(input: SendFormInput): Promise<FormData> {
  const form = new FormData();
  form.append('to', input.to);
  if (input.config.documentDelivery === 'content_url') {
    form.append('content_url', await contentUrl(input.document, input.config.contentUrlTtlSeconds));
  } else {
    form.append('file', await uploadPart(input.document), `fax.${input.document.type === 'txt' ? 'txt' : 'pdf'}`);
  }
  form.append('callback_url', input.callbackUrl);
  form.append(`tag[${IDEMPOTENCY_TAG}]`, input.idempotencyKey);
  form.append(`tag[${JOB_TAG}]`, input.jobId);
  if (input.config.callerId !== '') form.append('caller_id', input.config.callerId);
  if (input.config.headerText !== '') form.append('header_text', input.config.headerText);
  return form;
}
