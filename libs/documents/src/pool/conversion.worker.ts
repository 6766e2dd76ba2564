// Entry of a conversion worker thread: receives tasks, runs them one at a time, answers each.
import { parentPort } from 'node:worker_threads';
import { DocumentError } from '../document.error';
import { loadPdfium } from '../pdf/pdfium';
import { loadPdfJs } from '../pdf/pdfjs';
import { capturePdfJsWarnings } from '../pdf/pdfjs-warnings';
import { CONVERSION_HANDLERS } from './conversion-handlers';
import { WORKER_READY, type TaskRequest, type TaskResponse } from './conversion-tasks';

const port = parentPort;
if (port === null) throw new Error('conversion.worker must run in a worker thread');
capturePdfJsWarnings();

// The task running now, and the ids already answered (a task is answered exactly once).
let running: TaskRequest | null = null;
const answered = new Set<number>();

function reply(response: TaskResponse, transfer: ArrayBuffer[] = []): void {
  if (answered.has(response.id)) return;
  answered.add(response.id);
  if (answered.size > 1000) answered.delete(answered.values().next().value as number);
  port?.postMessage(response, transfer);
}

port.on('message', (request: TaskRequest) => {
  running = request;
  void answer(request).then(({ response, transfer }) => {
    reply(response, transfer);
    if (running === request) running = null;
  });
});

// pdf.js can reject a promise of its own that nobody awaits when a damaged file ends in the middle
// of an object. Unhandled, that would end this worker and turn a bad upload into a 500; it is the
// running document's fault, so that document is refused and the worker carries on.
process.on('unhandledRejection', () => {
  if (running === null) return;
  reply({ id: running.id, ok: false, code: 'UNREADABLE', message: 'The document is damaged and could not be read.' });
});
// pdf.js and PDFium are loaded up front so the task timeout measures conversions, not module
// loading (PDFium compiles 4 MB of WebAssembly). A load failure is reported by the first task that
// needs the module. Tasks wait for the ready message to be sent: a PDFium conversion runs without
// yielding, and the pool starts its timeout only once it has heard that the worker is ready.
const ready = Promise.all([loadPdfJs().catch(() => undefined), loadPdfium().catch(() => undefined)]).then(() => port.postMessage(WORKER_READY));

async function answer(request: TaskRequest): Promise<{ response: TaskResponse; transfer: ArrayBuffer[] }> {
  await ready;
  try {
    const handler = CONVERSION_HANDLERS[request.task] as (input: unknown) => Promise<unknown>;
    const output = await handler(request.input);
    const transfer = transferable(output);
    return { response: { id: request.id, ok: true, output }, transfer };
  } catch (error) {
    if (DocumentError.is(error)) return { response: { id: request.id, ok: false, code: error.code, message: error.message }, transfer: [] };
    const message = error instanceof Error ? error.message : String(error);
    return { response: { id: request.id, ok: false, code: 'CONVERSION_FAILED', message: `The conversion failed: ${message}` }, transfer: [] };
  }
}

// Output bytes are handed over rather than copied. A Buffer may be a slice of Node's shared pool,
// which must never be transferred, so only a buffer that owns its whole ArrayBuffer moves.
function transferable(output: unknown): ArrayBuffer[] {
  if (typeof output !== 'object' || output === null || !('bytes' in output)) return [];
  const bytes = (output as { bytes: unknown }).bytes;
  if (!(bytes instanceof Uint8Array)) return [];
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return [bytes.buffer];
  const copy = new Uint8Array(bytes);
  (output as { bytes: Uint8Array }).bytes = copy;
  return [copy.buffer];
}
