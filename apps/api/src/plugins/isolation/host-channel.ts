import { parentPort } from 'node:worker_threads';
import type { ChildMessage, HostMessage } from './isolation-messages';

/** The runner's link to the host, the same for a worker thread and a forked process. */
export interface HostChannel {
  readonly kind: 'worker' | 'process';
  /** Posts a message; throws when the message cannot be cloned. */
  post(message: ChildMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
  /** Ends the thread or process, after handing over `last` when given (a crash report). */
  exit(code: number, last?: ChildMessage): void;
}

/**
 * Connects to whoever started this runner: `parentPort` in a worker thread, the IPC channel in a
 * forked process. A forked runner exits when the host goes away, so no orphan keeps running.
 */
export function connectToHost(): HostChannel {
  const port = parentPort;
  if (port !== null) {
    return {
      kind: 'worker',
      post: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', listener),
      // A message posted before process.exit() is still delivered to the host.
      exit: (code, last) => {
        if (last !== undefined) port.postMessage(last);
        process.exit(code);
      },
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('plugin-runner must be started by the Faxbot host (worker thread or forked process)');
  process.on('disconnect', () => process.exit(0));
  return {
    kind: 'process',
    post: (message) => {
      send(message);
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as HostMessage)),
    exit: (code, last) => {
      if (last === undefined) process.exit(code);
      // process.send() is asynchronous: exit once the last message is written, or soon anyway.
      const timer = setTimeout(() => process.exit(code), 200);
      send(last, undefined, undefined, () => {
        clearTimeout(timer);
        process.exit(code);
      });
    },
  };
}
