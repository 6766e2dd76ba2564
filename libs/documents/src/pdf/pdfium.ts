import { PDFiumModule } from '@hyzyla/pdfium';
import { DocumentError } from '../document.error';
import { wasmRuntime, type WasmMemory } from '../wasm-runtime';

/**
 * The PDFium functions this package calls, as the WebAssembly build of `@hyzyla/pdfium` exports
 * them (C functions with a leading underscore; handles and pointers are numbers into its heap).
 */
export interface PdfiumModule {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  _FPDF_InitLibrary(): void;
  _FPDF_GetLastError(): number;
  _FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  _FPDF_CloseDocument(document: number): void;
  _FPDF_GetPageCount(document: number): number;
  _FPDF_GetFormType(document: number): number;
  _FPDF_LoadPage(document: number, index: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDF_GetPageWidthF(page: number): number;
  _FPDF_GetPageHeightF(page: number): number;
  _FPDFPage_CountObjects(page: number): number;
  _FPDFPage_GetObject(page: number, index: number): number;
  _FPDFPageObj_GetType(object: number): number;
  _FPDFFormObj_CountObjects(object: number): number;
  _FPDFFormObj_GetObject(object: number, index: number): number;
  _FPDFImageObj_GetImagePixelSize(object: number, width: number, height: number): number;
  _FPDFBitmap_CreateEx(width: number, height: number, format: number, buffer: number, stride: number): number;
  _FPDFBitmap_FillRect(bitmap: number, left: number, top: number, width: number, height: number, argb: number): void;
  _FPDFBitmap_Destroy(bitmap: number): void;
  _FPDF_RenderPageBitmap(bitmap: number, page: number, x: number, y: number, width: number, height: number, rotate: number, flags: number): void;
  _FPDFDOC_InitFormFillEnvironment(document: number, info: number): number;
  _FPDFDOC_ExitFormFillEnvironment(form: number): void;
  _FORM_OnAfterLoadPage(page: number, form: number): void;
  _FORM_OnBeforeClosePage(page: number, form: number): void;
  _FPDF_FFLDraw(form: number, bitmap: number, page: number, x: number, y: number, width: number, height: number, rotate: number, flags: number): void;
}

// A module whose heap grew past this (a page with a large image) is dropped after its conversion,
// so the next one starts small: WebAssembly memory grows but is never given back otherwise.
const KEEP_HEAP_BELOW_BYTES = 256 * 1024 * 1024;

let loaded: Promise<PdfiumModule> | undefined;

/** Loads and initialises PDFium once per thread (compiling its WebAssembly takes a moment). */
export function loadPdfium(): Promise<PdfiumModule> {
  loaded ??= startPdfium();
  return loaded;
}

async function startPdfium(): Promise<PdfiumModule> {
  // PDFium's own diagnostics would go to the console; nothing of them is worth a server log line.
  const quiet = (): void => undefined;
  const module = (await PDFiumModule({ print: quiet, printErr: quiet } as never)) as unknown as PdfiumModule & { wasmExports?: Record<string, unknown> };
  callExportsDirectly(module);
  module._FPDF_InitLibrary();
  return module;
}

// The build wraps every export in a checking function (argument count, runtime started) that
// formats its messages on every call: about a tenth of a microsecond, which adds up over the
// thousands of calls of a page's image-size check. The checks cannot fail for our calls, so the
// functions this package uses are replaced by the WebAssembly exports themselves.
function callExportsDirectly(module: PdfiumModule & { wasmExports?: Record<string, unknown> }): void {
  const exports = module.wasmExports;
  if (exports === undefined) return;
  const target = module as unknown as Record<string, unknown>;
  for (const name of Object.keys(target)) {
    if (!name.startsWith('_FPDF') && !name.startsWith('_FORM_')) continue;
    const direct = exports[name.slice(1)];
    if (typeof direct === 'function') target[name] = direct;
  }
}

/**
 * PDFium's WebAssembly memory (its heap, where pages are drawn), for kernels of our own that read
 * the drawn page in place; undefined if the build does not export it.
 */
export function pdfiumMemory(pdfium: PdfiumModule): WasmMemory | undefined {
  // The exports, not the module's `wasmMemory`: that property aborts when read in this build.
  const memory = (pdfium as { wasmExports?: Record<string, unknown> }).wasmExports?.['memory'];
  return memory instanceof wasmRuntime.Memory ? memory : undefined;
}

/**
 * Runs `work` with this thread's PDFium. A WebAssembly trap (PDFium aborting, running out of its
 * 2 GB heap, a memory fault, a stack overflow) leaves the module in an unknown state: it is
 * dropped, the next conversion gets a fresh one, and this one fails with `CONVERSION_FAILED`.
 * Any error but a `DocumentError` (a refusal, which leaves PDFium sound) counts as such a trap.
 * The trap stays inside the WebAssembly sandbox; it cannot corrupt the worker's own memory.
 */
export async function usePdfium<T>(work: (pdfium: PdfiumModule) => T): Promise<T> {
  const pdfium = await loadPdfium();
  try {
    return work(pdfium);
  } catch (error) {
    if (DocumentError.is(error)) throw error;
    loaded = undefined;
    throw new DocumentError('CONVERSION_FAILED', 'The PDF renderer stopped on this document (out of memory or an internal error).', { cause: error });
  } finally {
    if (loaded !== undefined && pdfium.HEAPU8.length > KEEP_HEAP_BELOW_BYTES) loaded = undefined;
  }
}
