import { DocumentError } from '../document.error';

// pdf.js reports recoverable problems through console.warn("Warning: …"). In a conversion worker
// they are kept here instead of reaching the server's log, and one of them matters: pdf.js drops
// images over `maxImageSize` with a warning, which would fax a page with a hole in it.
const IMAGE_DROPPED = 'Image exceeded maximum allowed size';
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

/** Throws `IMAGE_TOO_LARGE` when pdf.js dropped an image for its size since the last check. */
export function assertNoImageDropped(pageNumber: number, maxImagePixels: number): void {
  if (takePdfJsWarnings().some((warning) => warning.includes(IMAGE_DROPPED))) {
    throw new DocumentError(
      'IMAGE_TOO_LARGE',
      `Page ${pageNumber} of the PDF holds an image of more than ${formatMegapixels(maxImagePixels)} megapixels, the most accepted.`,
    );
  }
}

/** `50_000_000` → `"50"`. */
export function formatMegapixels(pixels: number): string {
  return String(Number((pixels / 1_000_000).toFixed(1)));
}
