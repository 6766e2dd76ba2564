import { DocumentError } from '../document.error';
import { faxFontHasGlyph } from '../font/fax-font';

// Characters replaced by one that looks and reads the same. Nothing that changes meaning
// (no transliteration, no '?' for unknown letters): a fax of a prescription must say what was sent.
const SAFE_EQUIVALENTS: ReadonlyMap<number, string> = new Map([
  ...[0x2010, 0x2011, 0x2212].map((code) => [code, '-'] as const), // hyphen, non-breaking hyphen, minus
  ...[0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f].map((code) => [code, ' '] as const), // typographic spaces
  ...[0x200b, 0x2060, 0xfeff].map((code) => [code, ''] as const), // zero-width space, word joiner, stray BOM
  ...[0x2028, 0x2029].map((code) => [code, '\n'] as const), // line and paragraph separators
]);

const MAX_REPORTED = 3;

/**
 * Prepares a text for the fax font (DejaVu Sans Mono, embedded: Latin, Greek, Cyrillic, Armenian,
 * Georgian and many symbols): drops a leading byte-order mark, turns CRLF and CR into LF, composes
 * accents (NFC) and replaces typographic spaces and hyphens by plain ones. A character the font
 * has no glyph for, a right-to-left character (the layout is left to right only), a combining mark
 * left over after composing, a character outside the Basic Multilingual Plane, or any control
 * character but tab, line feed and form feed, is refused with `UNSUPPORTED_CHARACTERS`; the
 * message gives positions and code points, never the text itself.
 */
export function prepareFaxText(text: string): string {
  return prepareFontText(text, { what: 'The text', advice: 'Send the document as a PDF instead.' });
}

/** How {@link prepareFontText} names the text in a refusal, and what it advises. */
export interface FontTextRefusal {
  /** Subject of the message, such as `The text` or `The cover page subject`. */
  what: string;
  /** A sentence appended to the message. */
  advice: string;
}

/**
 * {@link prepareFaxText} with the refusal worded for another text, such as a cover page field,
 * which is set in the same font.
 */
export function prepareFontText(text: string, refusal: FontTextRefusal): string {
  const normalised = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').normalize('NFC');
  let output = '';
  let line = 1;
  let column = 0;
  let unsupported = 0;
  const reported: string[] = [];
  for (const char of normalised) {
    const code = char.codePointAt(0) ?? 0;
    column += 1;
    const replacement = SAFE_EQUIVALENTS.get(code);
    const printable = replacement ?? (isPrintable(code, char) ? char : undefined);
    if (printable === undefined) {
      unsupported += 1;
      if (reported.length < MAX_REPORTED) reported.push(`line ${line}, column ${column} (U+${code.toString(16).toUpperCase().padStart(4, '0')})`);
    } else {
      output += printable;
    }
    if (printable === '\n') {
      line += 1;
      column = 0;
    }
  }
  if (unsupported > 0) {
    throw new DocumentError(
      'UNSUPPORTED_CHARACTERS',
      `${refusal.what} has ${unsupported} character${unsupported === 1 ? '' : 's'} the fax font cannot print (it covers Latin, Greek, ` +
        `Cyrillic, Armenian and Georgian letters and common symbols, but not Chinese, Japanese, Korean, emoji or right-to-left ` +
        `scripts): ${reported.join('; ')}${unsupported > reported.length ? '; …' : ''}. ${refusal.advice}`,
    );
  }
  return output;
}

const COMBINING_MARK = /^\p{M}$/u;

function isPrintable(code: number, char: string): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0c) return true;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return false;
  // Surrogate pairs would count as two columns in the layout; the font has next to nothing there.
  if (code > 0xffff) return false;
  if (isRightToLeft(code) || COMBINING_MARK.test(char)) return false;
  return faxFontHasGlyph(code);
}

// Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms, and the bidirectional
// controls: pdfkit sets text left to right only, so these would print reversed or unjoined.
function isRightToLeft(code: number): boolean {
  return (
    (code >= 0x0590 && code <= 0x08ff) ||
    (code >= 0xfb1d && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfeff) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}
