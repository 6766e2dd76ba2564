import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { ChildMessage, HostMessage } from './isolation-messages';

/** Where an isolated plugin runs. */
export type IsolationTier = 'worker' | 'process';

/** Options for {@link spawnChild}. */
export interface SpawnChildOptions {
  tier: IsolationTier;
  runnerPath: string;
  /** V8 old-generation heap limit of the child. */
  maxOldGenerationSizeMb: number;
  /** Called for every line the child writes to stdout or stderr (plugins should use their logger). */
  onOutput: (stream: 'stdout' | 'stderr', line: string) => void;
}

/** A running worker thread or child process, behind one small interface. */
export interface ChildHandle {
  /** OS process id of a `process` child; null for a worker thread. */
  readonly pid: number | null;
  /** Thread id of a `worker` child; null for a process. */
  readonly threadId: number | null;
  /** Posts a message; false when the child is gone. Throws when the message cannot be cloned. */
  post(message: HostMessage): boolean;
  onMessage(listener: (message: ChildMessage) => void): void;
  /** Called once when the child has ended, with a description such as "exited with code 1". */
  onExit(listener: (description: string) => void): void;
  /** Ends the child at once (SIGKILL / terminate). */
  kill(): void;
}

// A child sees nothing of the host's environment (secrets, database URLs) except where programs are.
function minimalEnv(): Record<string, string> {
  return process.env['PATH'] === undefined ? {} : { PATH: process.env['PATH'] };
}

/** Remembers that a child ended and tells every listener once, even one that subscribes late. */
function exitNotifier(): { end(description: string): void; ended(): boolean; listen(listener: (description: string) => void): void } {
  let description: string | null = null;
  const listeners: Array<(description: string) => void> = [];
  return {
    end: (text) => {
      if (description !== null) return;
      description = text;
      for (const listener of listeners) listener(text);
    },
    ended: () => description !== null,
    listen: (listener) => {
      if (description !== null) listener(description);
      else listeners.push(listener);
    },
  };
}

function forwardLines(stream: Readable | null, name: 'stdout' | 'stderr', onOutput: SpawnChildOptions['onOutput']): void {
  if (stream === null) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => onOutput(name, line));
}

/**
 * Starts the plugin runner as a worker thread (`resourceLimits`, environment reduced to PATH) or as a forked
 * Node process (`--max-old-space-size`, PATH-only environment, own stdio), with structured-clone
 * messaging in both cases so Buffers cross as bytes.
 */
export function spawnChild(options: SpawnChildOptions): ChildHandle {
  return options.tier === 'worker' ? spawnWorker(options) : spawnProcess(options);
}

function spawnWorker(options: SpawnChildOptions): ChildHandle {
  const worker = new Worker(options.runnerPath, {
    env: minimalEnv(),
    execArgv: [],
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb },
  });
  forwardLines(worker.stdout, 'stdout', options.onOutput);
  forwardLines(worker.stderr, 'stderr', options.onOutput);
  const exit = exitNotifier();
  let lastError: (Error & { code?: string }) | null = null;
  // Without a listener an 'error' event would throw in the host.
  worker.on('error', (error: Error & { code?: string }) => {
    lastError = error;
  });
  worker.once('exit', (code) => {
    const error = lastError as (Error & { code?: string }) | null;
    if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') exit.end('ran out of memory');
    else if (error !== null) exit.end(`exited with code ${code} after an uncaught ${error.name}`);
    else exit.end(`exited with code ${code}`);
  });
  return {
    pid: null,
    threadId: worker.threadId,
    post: (message) => {
      if (exit.ended()) return false;
      worker.postMessage(message);
      return true;
    },
    onMessage: (listener) => worker.on('message', listener),
    onExit: exit.listen,
    kill: () => {
      if (!exit.ended()) void worker.terminate();
    },
  };
}

function spawnProcess(options: SpawnChildOptions): ChildHandle {
  const child = fork(options.runnerPath, [], {
    env: minimalEnv(),
    execArgv: [`--max-old-space-size=${options.maxOldGenerationSizeMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  forwardLines(child.stdout, 'stdout', options.onOutput);
  forwardLines(child.stderr, 'stderr', options.onOutput);
  const exit = exitNotifier();
  child.once('exit', (code, signal) => exit.end(code !== null ? `exited with code ${code}` : `killed by ${signal ?? 'a signal'}`));
  // Spawn failures and failed sends arrive here; without a listener they would throw in the host.
  child.on('error', (error) => {
    if (child.pid === undefined) exit.end(`could not start: ${error.message}`);
  });
  return {
    pid: child.pid ?? null,
    threadId: null,
    post: (message) => {
      if (exit.ended() || !child.connected) return false;
      child.send(message);
      return true;
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as ChildMessage)),
    onExit: exit.listen,
    kill: () => {
      if (!exit.ended()) child.kill('SIGKILL');
    },
  };
}
