import type { WebhookRequest } from '@faxbot/plugin-sdk';
import { FormBodyError, parseFormBody, type FormPart } from './form-body.parser';
import { isValidPhaxioSignature } from './phaxio-signature';

/** Which Phaxio webhook a request is. */
export type PhaxioWebhookKind = 'status' | 'inbound';

/** A request that passed the checks (verified when verification is on), or the answer refusing it. */
export type PhaxioWebhookReading =
  | { ok: true; kind: PhaxioWebhookKind; parts: FormPart[]; verified: boolean }
  | { ok: false; status: number; detail: string };

/** Settings the checks depend on. */
export interface WebhookVerification {
  webhookToken: string | undefined;
  verifySignature: boolean;
  inboundVerifySignature: boolean;
}

// The host routes the original Faxbot endpoints here too: /phaxio-callback and /phaxio-inbound.
const KINDS: Readonly<Record<string, PhaxioWebhookKind>> = { status: 'status', 'phaxio-callback': 'status', inbound: 'inbound', 'phaxio-inbound': 'inbound' };

function header(request: WebhookRequest, name: string): string | null {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}

/**
 * Checks a webhook before anything in it is trusted: a known path (or the kind the caller forces),
 * POST, a form body, and — when verification is on for its kind — an `X-Phaxio-Signature` that
 * matches the body and the public URL the provider called (`request.url`, query string included).
 * Verification on without a webhook token refuses everything rather than accepting unsigned calls.
 */
export function readPhaxioWebhook(request: WebhookRequest, settings: WebhookVerification, forced?: PhaxioWebhookKind): PhaxioWebhookReading {
  const kind = forced ?? KINDS[request.path.replace(/^\/+|\/+$/g, '')];
  if (kind === undefined) return { ok: false, status: 404, detail: 'Unknown Phaxio webhook path' };
  if (request.method.toUpperCase() !== 'POST') return { ok: false, status: 405, detail: 'Phaxio webhooks are POST requests' };
  const verify = kind === 'status' ? settings.verifySignature : settings.inboundVerifySignature;
  const signature = header(request, 'x-phaxio-signature');
  const token = settings.webhookToken ?? '';
  if (verify && token === '') return { ok: false, status: 401, detail: 'Phaxio webhook token not configured' };
  if (verify && signature === null) return { ok: false, status: 401, detail: 'Missing Phaxio signature' };

  let parts: FormPart[];
  try {
    parts = parseFormBody(request.rawBody, header(request, 'content-type') ?? '');
  } catch (error) {
    if (!(error instanceof FormBodyError)) throw error;
    // A body that is not a form cannot carry a valid signature.
    return verify ? { ok: false, status: 401, detail: 'Invalid Phaxio signature' } : { ok: false, status: 400, detail: 'Malformed Phaxio webhook' };
  }
  if (verify && !isValidPhaxioSignature(signature as string, token, request.url, parts)) return { ok: false, status: 401, detail: 'Invalid Phaxio signature' };
  return { ok: true, kind, parts, verified: verify };
}
