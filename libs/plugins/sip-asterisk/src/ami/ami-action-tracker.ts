import { randomBytes } from 'node:crypto';
import { AmiError } from './ami-errors';
import type { AmiMessage } from './ami-message';

interface Pending {
  resolve(message: AmiMessage): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Matches responses to the actions that asked for them by `ActionID`. Asterisk answers actions of
 * one session in order, but events interleave and a slow action must not be mistaken for the next
 * one, so every action carries an id and waits for exactly its own answer, or fails on timeout.
 */
export class AmiActionTracker {
  private readonly pending = new Map<string, Pending>();
  private readonly prefix = `fb-${randomBytes(4).toString('hex')}`;
  private counter = 0;

  /** A fresh ActionID, unique within this process. */
  nextId(): string {
    this.counter += 1;
    return `${this.prefix}-${this.counter}`;
  }

  /** Actions waiting for an answer. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Resolves with the response that carries `actionId`, or rejects with a `timeout` AmiError after
   * `timeoutMs`. Register before writing the action: the answer can arrive on the next tick.
   */
  expect(actionId: string, timeoutMs: number): Promise<AmiMessage> {
    if (this.pending.has(actionId)) return Promise.reject(new AmiError('protocol', 'duplicate ActionID'));
    return new Promise<AmiMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(actionId);
        reject(new AmiError('timeout', `no answer from Asterisk within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(actionId, { resolve, reject, timer });
    });
  }

  /** Hands a response to the action waiting for it; false when nobody waits (late or foreign). */
  settle(message: AmiMessage): boolean {
    const actionId = message['actionid'];
    const waiting = actionId === undefined ? undefined : this.pending.get(actionId);
    if (actionId === undefined || waiting === undefined) return false;
    clearTimeout(waiting.timer);
    this.pending.delete(actionId);
    waiting.resolve(message);
    return true;
  }

  /** Rejects every waiting action, e.g. when the connection closed under them. */
  failAll(error: Error): void {
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
    this.pending.clear();
  }
}
