import { createHash, randomUUID } from 'node:crypto';
import { ApiError } from '../errors/api-error';

/** Longest message text accepted (ten SMS segments). */
export const MAX_MESSAGE_CHARS = 1600;

const NUMBER = /^\+?\d{6,20}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const ID = /^[A-Za-z0-9_.:-]{1,200}$/;
const CURSOR = /^[A-Za-z0-9_.=~-]{1,512}$/;
const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

/** `POST /messages` after validation. */
export interface SendMessageRequest {
  to: string;
  text: string;
}

function objectBody(body: unknown, known: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('BAD_REQUEST', 'Body must be a JSON object');
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new ApiError('BAD_REQUEST', `Unknown field(s): ${unknown.join(', ')}`);
  return input;
}

function messageText(value: unknown): string {
  if (typeof value !== 'string') throw new ApiError('VALIDATION_FAILED', 'body must be a string');
  if (value.trim() === '') throw new ApiError('VALIDATION_FAILED', 'body must not be empty');
  if (value.length > MAX_MESSAGE_CHARS) throw new ApiError('VALIDATION_FAILED', `body must be at most ${MAX_MESSAGE_CHARS} characters`);
  return value;
}

function missing(input: Record<string, unknown>, fields: readonly string[]): void {
  const absent = fields.filter((field) => input[field] === undefined || input[field] === null);
  if (absent.length > 0) throw new ApiError('VALIDATION_FAILED', `Missing required field(s): ${absent.join(', ')}`);
}

/** Checks `{to, body}`: a JSON object (400), both fields present and well-formed (422). */
export function parseSendMessage(body: unknown): SendMessageRequest {
  const input = objectBody(body, ['to', 'body']);
  missing(input, ['to', 'body']);
  const to = input['to'];
  if (typeof to !== 'string' || !NUMBER.test(to.trim())) throw new ApiError('VALIDATION_FAILED', "'to' must be E.164 or digits only");
  return { to: to.trim(), text: messageText(input['body']) };
}

/** Checks `{body}` of a reply. */
export function parseReply(body: unknown): { text: string } {
  const input = objectBody(body, ['body']);
  missing(input, ['body']);
  return { text: messageText(input['body']) };
}

/**
 * The key the plugin de-duplicates on: the client's `Idempotency-Key` header, bound to the API key
 * that sent it (two clients picking the same key do not collide), or a fresh one per request.
 */
export function idempotencyKeyOf(header: string | undefined, apiKeyId: string): string {
  if (header === undefined) return randomUUID();
  if (!IDEMPOTENCY_KEY.test(header)) throw new ApiError('BAD_REQUEST', 'Idempotency-Key must be 1-200 printable ASCII characters');
  return createHash('sha256').update(`${apiKeyId}\n${header}`).digest('hex');
}

/** True when a path id could be a plugin's id; anything else is answered 404 without asking it. */
export function isPlausibleId(value: string): boolean {
  return ID.test(value);
}

/** The `limit` query value: 1-100, default 50. */
export function pageLimit(raw: unknown): number {
  if (raw === undefined) return DEFAULT_PAGE;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) throw new ApiError('BAD_REQUEST', `limit must be an integer from 1 to ${MAX_PAGE}`);
  return value;
}

/** The `cursor` query value: opaque, as the plugin handed it out. */
export function pageCursor(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !CURSOR.test(raw)) throw new ApiError('BAD_REQUEST', 'Invalid cursor');
  return raw;
}
