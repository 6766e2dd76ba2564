import { FAX_FONTS, faxFontBytes, faxFontHasGlyph } from './fax-font';
import { readCoveredCodePoints } from './truetype-cmap';

describe('the fax font and its cmap', () => {
  it.each([
    ['A', 0x41],
    ['é', 0xe9],
    ['Ł', 0x141],
    ['Greek Ω', 0x3a9],
    ['Cyrillic Ж', 0x416],
    ['Armenian Ա', 0x531],
    ['euro sign', 0x20ac],
    ['box drawing ┼', 0x253c],
  ])('has a glyph for %s', (_label, codePoint) => {
    expect(faxFontHasGlyph(codePoint)).toBe(true);
  });

  it.each([
    ['CJK 山', 0x5c71],
    ['Hangul 한', 0xd55c],
    ['fullwidth ３', 0xff13],
    ['Hebrew א', 0x5d0],
    ['emoji', 0x1f44d],
    ['a control character', 0x07],
  ])('has no glyph for %s', (_label, codePoint) => {
    expect(faxFontHasGlyph(codePoint)).toBe(false);
  });

  it('reads both fonts, the bold covering what the labels need', () => {
    const regular = readCoveredCodePoints(faxFontBytes(FAX_FONTS.regular));
    const bold = readCoveredCodePoints(faxFontBytes(FAX_FONTS.bold));
    expect(regular.size).toBeGreaterThan(2500);
    for (const char of 'FAX To: From: Date: Pages: Subject: Fax cover page, continued') expect(bold.has(char.codePointAt(0)!)).toBe(true);
  });

  it('refuses a file that is not a TrueType font', () => {
    const notAFont = Buffer.alloc(64);
    expect(() => readCoveredCodePoints(notAFont)).toThrow('no cmap table');
  });
});
