import { DocumentError } from '../document.error';

// Characters outside Latin-1 that the built-in Courier font still prints, through PDF's
// WinAnsiEncoding (the Windows-1252 extras): € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
const WIN_ANSI_EXTRAS = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

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
 * Prepares a text for the fax font (pdfkit's built-in Courier, which prints Latin-1 plus the
 * Windows-1252 extras): drops a leading byte-order mark, turns CRLF and CR into LF, composes
 * accents (NFC) and replaces typographic spaces and hyphens by plain ones. Any other character
 * outside that set, or any control character but tab, line feed and form feed, is refused with
 * `UNSUPPORTED_CHARACTERS`; the message gives positions and code points, never the text itself.
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
 * {@link prepareFaxText} with the refusal worded for another text, such as a cover page field. The
 * built-in Helvetica and Courier fonts print the same characters (both use WinAnsiEncoding).
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
    const printable = replacement ?? (isPrintable(code) ? char : undefined);
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
      `${refusal.what} has ${unsupported} character${unsupported === 1 ? '' : 's'} the fax font cannot print (it covers Western European ` +
        `letters, Windows-1252): ${reported.join('; ')}${unsupported > reported.length ? '; …' : ''}. ${refusal.advice}`,
    );
  }
  return output;
}

function isPrintable(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0c) return true;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xff) return true;
  return WIN_ANSI_EXTRAS.has(code);
}
