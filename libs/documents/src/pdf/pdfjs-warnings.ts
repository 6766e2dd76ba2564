// pdf.js reports recoverable problems through console.warn("Warning: …"). In a conversion worker
// they are kept here instead of reaching the server's log. (Pages are rendered by PDFium, which
// checks image sizes before drawing: see pdfium-image-limit.ts.)
const MAX_KEPT = 100;
let warnings: string[] = [];
let installed = false;

/** Routes pdf.js warnings of this thread to {@link takePdfJsWarnings}; call once in the worker. */
export function capturePdfJsWarnings(): void {
  if (installed) return;
  installed = true;
  const forward = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && first.startsWith('Warning: ')) {
      if (warnings.length < MAX_KEPT) warnings.push(first);
      return;
    }
    forward(...args);
  };
}

/** Returns and clears the warnings collected since the last call. */
export function takePdfJsWarnings(): string[] {
  const taken = warnings;
  warnings = [];
  return taken;
}

/** `50_000_000` → `"50"`. */
export function formatMegapixels(pixels: number): string {
  return String(Number((pixels / 1_000_000).toFixed(1)));
}
