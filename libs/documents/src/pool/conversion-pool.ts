import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DocumentError } from '../document.error';
import { WORKER_READY, type ConversionTaskName, type ConversionTasks, type TaskRequest, type TaskResponse } from './conversion-tasks';

/** Options of {@link createConversionPool}. */
export interface ConversionPoolOptions {
  /** Worker threads, each converting one document at a time. Default: the number of CPU cores. */
  size?: number;
  /**
   * Longest one conversion may run, in milliseconds, not counting the start of a new worker; past
   * it its worker is stopped and the conversion fails with `CONVERSION_TIMEOUT`. Default 300 000
   * (5 minutes; a 100-page PDF takes about 15 s on one core).
   */
  taskTimeoutMs?: number;
  /** V8 heap limit of each worker in MB; a worker over it fails its conversion. Default 1024. */
  maxWorkerHeapMb?: number;
  /** An idle worker exits after this many milliseconds and is started again when needed. Default 60 000. */
  idleTimeoutMs?: number;
}

/**
 * Worker threads that run conversions off the caller's event loop. Pass it to the conversion
 * functions; {@link ConversionPool.close} it on shutdown (idle workers never keep a process alive,
 * busy ones do until their conversion ends).
 */
export interface ConversionPool {
  /** Most conversions that run at once. */
  readonly size: number;
  /** Fails queued and running conversions with `POOL_CLOSED` and stops every worker. */
  close(): Promise<void>;
}

/**
 * Creates a pool of conversion workers. Workers start on first use.
 *
 * @example
 * const pool = createConversionPool({ size: 2 });
 * const tiff = await renderFaxTiff(pdf, { pool, resolution: 'fine' });
 * await pool.close();
 */
export function createConversionPool(options: ConversionPoolOptions = {}): ConversionPool {
  return new WorkerConversionPool(options);
}

/** Runs one task on `pool`: the path every public conversion function takes. */
export function runConversion<K extends ConversionTaskName>(
  pool: ConversionPool,
  task: K,
  input: ConversionTasks[K]['input'],
): Promise<ConversionTasks[K]['output']> {
  if (!(pool instanceof WorkerConversionPool)) {
    return Promise.reject(new DocumentError('INVALID_ARGUMENT', 'pool must come from createConversionPool()'));
  }
  return pool.run(task, input);
}

interface Job {
  request: TaskRequest;
  resolve: (output: never) => void;
  reject: (error: DocumentError) => void;
}

interface PoolWorker {
  thread: Worker;
  /** Set once the thread has loaded the converters; the task timeout counts from then. */
  ready: boolean;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

class WorkerConversionPool implements ConversionPool {
  readonly size: number;
  private readonly taskTimeoutMs: number;
  private readonly maxWorkerHeapMb: number;
  private readonly idleTimeoutMs: number;
  private readonly workers = new Set<PoolWorker>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ConversionPoolOptions) {
    this.size = positiveInteger(options.size ?? availableParallelism(), 'size');
    this.taskTimeoutMs = positiveInteger(options.taskTimeoutMs ?? 300_000, 'taskTimeoutMs');
    this.maxWorkerHeapMb = positiveInteger(options.maxWorkerHeapMb ?? 1024, 'maxWorkerHeapMb');
    this.idleTimeoutMs = positiveInteger(options.idleTimeoutMs ?? 60_000, 'idleTimeoutMs');
    // sharp and skia must stay loaded for the life of the process, not only of a worker:
    // on glibc, unloading them when the last worker exits can crash (sharp's documented advice).
    require('sharp');
    require('@napi-rs/canvas');
  }

  run<K extends ConversionTaskName>(task: K, input: ConversionTasks[K]['input']): Promise<ConversionTasks[K]['output']> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, task, input }, resolve: resolve as (output: never) => void, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(closedError());
    const stopping = [...this.workers].map((worker) => this.retire(worker, closedError()));
    await Promise.all(stopping);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let worker = [...this.workers].find((candidate) => candidate.job === undefined);
      if (worker === undefined && this.workers.size < this.size) {
        try {
          worker = this.spawn();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          this.queue.shift()?.reject(new DocumentError('CONVERSION_FAILED', `The converter could not start: ${message}`, { cause: error }));
          continue;
        }
      }
      if (worker === undefined) return;
      this.start(worker, this.queue.shift() as Job);
    }
  }

  private start(worker: PoolWorker, job: Job): void {
    clearTimeout(worker.timer);
    worker.timer = undefined;
    worker.job = job;
    worker.thread.ref();
    worker.thread.postMessage(job.request);
    if (worker.ready) this.startTimeout(worker);
  }

  private startTimeout(worker: PoolWorker): void {
    worker.timer = setTimeout(() => {
      void this.retire(worker, new DocumentError('CONVERSION_TIMEOUT', `The conversion took longer than ${Math.round(this.taskTimeoutMs / 1000)} s and was stopped.`));
    }, this.taskTimeoutMs);
  }

  private spawn(): PoolWorker {
    const thread = createWorkerThread(this.maxWorkerHeapMb);
    const worker: PoolWorker = { thread, ready: false, job: undefined, timer: undefined };
    this.workers.add(worker);
    thread.on('message', (message: TaskResponse | typeof WORKER_READY) => {
      if (message !== WORKER_READY) this.settle(worker, message);
      else {
        worker.ready = true;
        if (worker.job !== undefined) this.startTimeout(worker);
      }
    });
    // 'error' (an uncaught exception, or the heap limit) is always followed by 'exit'.
    thread.on('error', (error) => this.fail(worker, new DocumentError('CONVERSION_FAILED', `The converter stopped: ${error.message}`, { cause: error })));
    thread.on('exit', (code) => this.fail(worker, new DocumentError('CONVERSION_FAILED', `The converter stopped unexpectedly (exit code ${code}).`)));
    return worker;
  }

  private settle(worker: PoolWorker, response: TaskResponse): void {
    const job = worker.job;
    if (job === undefined || job.request.id !== response.id) return;
    clearTimeout(worker.timer);
    worker.job = undefined;
    if (response.ok) job.resolve(response.output as never);
    else job.reject(new DocumentError(DocumentError.isCode(response.code) ? response.code : 'CONVERSION_FAILED', response.message));
    // An idle worker does not hold the process open, and leaves after a while.
    worker.thread.unref();
    worker.timer = setTimeout(() => void this.retire(worker), this.idleTimeoutMs);
    worker.timer.unref();
    this.dispatch();
  }

  private fail(worker: PoolWorker, error: DocumentError): void {
    if (!this.workers.delete(worker)) return;
    clearTimeout(worker.timer);
    worker.job?.reject(error);
    worker.job = undefined;
    this.dispatch();
  }

  // Takes a worker out of the pool, failing its conversion with `error`, and stops its thread.
  private async retire(worker: PoolWorker, error?: DocumentError): Promise<void> {
    if (!this.workers.delete(worker)) return;
    clearTimeout(worker.timer);
    if (worker.job !== undefined && error !== undefined) worker.job.reject(error);
    worker.job = undefined;
    await worker.thread.terminate();
    this.dispatch();
  }
}

// From dist the worker is the compiled conversion.worker.js beside this file. From the TypeScript
// sources (jest runs them through swc) there is no .js file: the worker registers swc's require
// hook (a development dependency of the workspace) and loads the .ts entry.
function createWorkerThread(maxWorkerHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxWorkerHeapMb };
  if (!__filename.endsWith('.ts')) return new Worker(join(__dirname, 'conversion.worker.js'), { resourceLimits });
  const register = require.resolve('@swc-node/register');
  const entry = join(__dirname, 'conversion.worker.ts');
  return new Worker(`require(${JSON.stringify(register)}); require(${JSON.stringify(entry)});`, {
    eval: true,
    resourceLimits,
    env: { ...process.env, SWC_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
  });
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new DocumentError('INVALID_ARGUMENT', `${name} must be a positive integer`);
  return value;
}

function closedError(): DocumentError {
  return new DocumentError('POOL_CLOSED', 'The conversion service is shutting down.');
}
