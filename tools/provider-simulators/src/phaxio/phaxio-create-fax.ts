import { phaxioTime, type PhaxioError, type PhaxioFax } from './phaxio-fax';
import type { ParsedForm, ParsedFormFile } from './parse-form-request';
import type { PhaxioReceivedDocument, PhaxioSimulatedFax } from './phaxio-simulated-fax';
import { phaxioLineOutcomeOf } from './phaxio-test-numbers';
import { countPages } from './count-pages';

/** A valid "Create and send a fax" request, read from its form. */
export interface PhaxioCreateRequest {
  recipients: string[];
  files: ParsedFormFile[];
  contentUrls: string[];
  callbackUrl: string | null;
  callerId: string | null;
  tags: Record<string, string>;
  fields: Array<{ name: string; value: string }>;
}

/** Either the request, or why Phaxio would answer 422. */
export type PhaxioCreateCheck = { ok: true; request: PhaxioCreateRequest } | { ok: false; message: string };

const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_TAGS = 10;
const MAX_HEADER_TEXT = 50;
const FETCH_FAILED: PhaxioError = { error_type: 'documentConversionError', error_id: 54, error_message: 'Could not access the url you provided.' };

function isUrl(value: string, schemes: string[]): boolean {
  try {
    return schemes.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Checks a create request as https://www.phaxio.com/docs/api/v2/faxes/create_and_send_fax
 * describes it: `to` (or `to[]`) in E.164, at least one `file`/`file[]` part (each with a
 * filename) or `content_url`/`content_url[]` (both may be given), at most 10 `tag[NAME]` fields,
 * `header_text` up to 50 characters, an http(s)/mailto `callback_url`, an E.164 `caller_id`.
 */
export function checkCreateRequest(form: ParsedForm): PhaxioCreateCheck {
  const values = (...names: string[]): string[] => form.fields.filter((field) => names.includes(field.name)).map((field) => field.value);
  const recipients = values('to', 'to[]');
  if (recipients.length === 0) return { ok: false, message: 'The to parameter is required' };
  if (!recipients.every((number) => E164.test(number))) return { ok: false, message: 'Phone number is not formatted correctly; use E.164' };
  if (values('file', 'file[]').length > 0) return { ok: false, message: 'Files must be uploaded as file parts with a filename' };
  const files = form.files.filter((file) => file.name === 'file' || file.name === 'file[]');
  if (files.some((file) => file.fileName === null || file.fileName === '')) return { ok: false, message: 'Each file must have a filename' };
  const contentUrls = values('content_url', 'content_url[]');
  if (!contentUrls.every((url) => isUrl(url, ['http:', 'https:']))) return { ok: false, message: 'content_url must be an http or https URL' };
  if (files.length === 0 && contentUrls.length === 0) return { ok: false, message: 'You must provide at least one file or content_url' };
  const tags: Record<string, string> = {};
  for (const field of form.fields) {
    const match = /^tag\[(.+)\]$/.exec(field.name);
    if (match !== null) tags[match[1] as string] = field.value;
  }
  if (Object.keys(tags).length > MAX_TAGS) return { ok: false, message: `A fax may have at most ${MAX_TAGS} tags` };
  const headerText = values('header_text')[0];
  if (headerText !== undefined && headerText.length > MAX_HEADER_TEXT) return { ok: false, message: `header_text may be at most ${MAX_HEADER_TEXT} characters` };
  const callbackUrl = values('callback_url')[0] ?? null;
  if (callbackUrl !== null && !isUrl(callbackUrl, ['http:', 'https:', 'mailto:'])) return { ok: false, message: 'callback_url must be an http, https or mailto URL' };
  const callerId = values('caller_id')[0] ?? null;
  if (callerId !== null && !E164.test(callerId)) return { ok: false, message: 'caller_id must be a phone number in E.164 format' };
  return { ok: true, request: { recipients, files, contentUrls, callbackUrl, callerId, tags, fields: form.fields } };
}

/** Fetches a `content_url` as Phaxio's renderer would; a failure is recorded, not thrown. */
async function fetchContentUrl(url: string): Promise<PhaxioReceivedDocument> {
  const document: PhaxioReceivedDocument = { source: 'content_url', fileName: null, contentUrl: url, fetchStatus: null, bytes: Buffer.alloc(0) };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow' });
    document.fetchStatus = response.status;
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.ok) document.bytes = bytes;
  } catch {
    // Unreachable: the fax fails with documentConversionError 54, as on Phaxio.
  }
  return document;
}

/**
 * Builds the simulated fax for a checked request: fetches every `content_url` first (Phaxio
 * renders them before the files), counts pages and picks each recipient's outcome.
 */
export async function createSimulatedFax(
  id: number,
  request: PhaxioCreateRequest,
  account: { isTest: boolean; defaultCallbackUrl: string | null },
): Promise<PhaxioSimulatedFax> {
  const fetched = await Promise.all(request.contentUrls.map(fetchContentUrl));
  const uploaded: PhaxioReceivedDocument[] = request.files.map((file) => ({
    source: 'file',
    fileName: file.fileName,
    contentUrl: null,
    fetchStatus: null,
    bytes: file.bytes,
  }));
  const documents = [...fetched, ...uploaded];
  const unreadable = fetched.some((document) => document.fetchStatus === null || document.fetchStatus >= 400);
  const pages = documents.reduce((sum, document) => sum + (document.bytes.length === 0 ? 0 : countPages(document.bytes, document.fileName)), 0);
  const fax: PhaxioFax = {
    id,
    direction: 'sent',
    num_pages: Math.max(1, pages),
    cost: 0,
    status: 'queued',
    is_test: account.isTest,
    created_at: phaxioTime(),
    caller_id: request.callerId,
    from_number: null,
    to_number: null,
    caller_name: null,
    recipients: request.recipients.map((phone) => ({
      phone_number: phone,
      status: 'queued',
      retry_count: 0,
      completed_at: null,
      bitrate: null,
      resolution: null,
      error_type: null,
      error_id: null,
      error_message: null,
    })),
    tags: { ...request.tags },
    error_type: null,
    error_id: null,
    error_message: null,
    completed_at: null,
  };
  return {
    id,
    fax,
    callbackUrl: request.callbackUrl ?? account.defaultCallbackUrl,
    outcomes: request.recipients.map(phaxioLineOutcomeOf),
    documents,
    conversionError: unreadable ? FETCH_FAILED : null,
    requestFields: request.fields,
  };
}
