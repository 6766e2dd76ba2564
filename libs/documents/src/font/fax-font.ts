import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readCoveredCodePoints } from './truetype-cmap';

/**
 * The fax font: DejaVu Sans Mono and its bold, from the `dejavu-fonts-ttf` package (Bitstream Vera
 * licence with DejaVu's public-domain changes; embedding in documents is allowed). Registered in
 * pdfkit under these names, embedded as a subset in every PDF that uses it.
 */
export const FAX_FONTS = Object.freeze({ regular: 'DejaVuSansMono', bold: 'DejaVuSansMono-Bold' });

/** A font name of {@link FAX_FONTS}. */
export type FaxFontName = (typeof FAX_FONTS)[keyof typeof FAX_FONTS];

/** DejaVu Sans Mono's advance width, the same for every glyph: 1233 units of its 2048 per em. */
export const FAX_FONT_ADVANCE_EM = 1233 / 2048;

const bytes = new Map<FaxFontName, Buffer>();
let covered: Set<number> | undefined;

// Resolved through the package, so it works from the sources and from dist alike.
function fontFile(name: FaxFontName): string {
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', `${name}.ttf`);
}

/** The TrueType file of a fax font, read once per thread. */
export function faxFontBytes(name: FaxFontName): Buffer {
  let font = bytes.get(name);
  if (font === undefined) {
    font = readFileSync(fontFile(name));
    bytes.set(name, font);
  }
  return font;
}

/** Registers both fax fonts in a pdfkit document under their {@link FAX_FONTS} names. */
export function registerFaxFonts(document: PDFKit.PDFDocument): PDFKit.PDFDocument {
  for (const name of Object.values(FAX_FONTS)) document.registerFont(name, faxFontBytes(name));
  return document;
}

/** Whether the regular fax font has a glyph for a code point. */
export function faxFontHasGlyph(codePoint: number): boolean {
  covered ??= readCoveredCodePoints(faxFontBytes(FAX_FONTS.regular));
  return covered.has(codePoint);
}
