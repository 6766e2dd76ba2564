import { DocumentError } from '../document.error';

/** The limits every intake check and conversion enforces. */
export interface DocumentLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Most pages a document may have (the gateway's `MAX_PAGES`). */
  maxPages: number;
  /** Most pixels (width × height) one image may have, on its own or inside a PDF. */
  maxImagePixels: number;
}

/**
 * Defaults: 10 MiB (the API's `MAX_FILE_SIZE_MB` default), 100 pages (one to two hours on a fax
 * line), 50 megapixels (an 8000 × 6000 phone photo; decoding it takes about 200 MB).
 */
export const DEFAULT_DOCUMENT_LIMITS: Readonly<DocumentLimits> = Object.freeze({
  maxFileBytes: 10 * 1024 * 1024,
  maxPages: 100,
  maxImagePixels: 50_000_000,
});

/** The defaults overridden by `overrides`; every value must be a positive safe integer. */
export function resolveLimits(overrides: Partial<DocumentLimits> = {}): DocumentLimits {
  const limits = { ...DEFAULT_DOCUMENT_LIMITS, ...definedOnly(overrides) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new DocumentError('INVALID_ARGUMENT', `limit ${name} must be a positive integer`);
  }
  return limits;
}

function definedOnly(overrides: Partial<DocumentLimits>): Partial<DocumentLimits> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
