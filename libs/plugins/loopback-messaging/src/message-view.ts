import type { Message } from '@faxbot/plugin-sdk';
import type { StoredMessage } from './stored-message';

const UNDELIVERABLE = { errorCode: 'UNDELIVERABLE', error: 'loopback: the test number does not accept messages' };

/**
 * The message as of `now`. Status is computed from the record, not from timers, so a restarted
 * line answers exactly as before: `sent` until `createdAt + deliveryDelayMs`, then `delivered`
 * (or `failed` for an undeliverable number); a status set through the webhook wins.
 */
export function messageView(record: StoredMessage, now: number, deliveryDelayMs: number): Message {
  const base = {
    id: record.id,
    conversationId: record.conversationId,
    direction: record.direction,
    to: record.direction === 'outbound' ? record.peer : null,
    from: record.direction === 'inbound' ? record.peer : null,
    text: record.text,
    createdAt: new Date(record.createdAt),
  };
  if (record.direction === 'inbound') return { ...base, status: 'received', updatedAt: new Date(record.createdAt) };
  if (record.forced !== undefined) {
    const failure = record.forced.status === 'failed' ? { errorCode: record.forced.errorCode ?? 'FAILED', error: 'loopback: status set by the test webhook' } : {};
    return { ...base, status: record.forced.status, ...failure, updatedAt: new Date(record.forced.at) };
  }
  const settlesAt = record.createdAt + deliveryDelayMs;
  if (now < settlesAt) return { ...base, status: 'sent', updatedAt: new Date(record.createdAt) };
  if (record.behaviour === 'undeliverable') return { ...base, status: 'failed', ...UNDELIVERABLE, updatedAt: new Date(settlesAt) };
  return { ...base, status: 'delivered', updatedAt: new Date(settlesAt) };
}
