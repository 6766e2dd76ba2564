import { DocumentError } from '../document.error';
import { prepareFaxText } from './fax-text';

function refusal(text: string): DocumentError {
  try {
    prepareFaxText(text);
  } catch (error) {
    if (DocumentError.is(error)) return error;
  }
  throw new Error('expected a refusal');
}

describe('prepareFaxText', () => {
  it.each([
    ['ASCII as it is', 'Dear Dr. Smith,\n\tRe: 12/03', 'Dear Dr. Smith,\n\tRe: 12/03'],
    ['Latin-1 letters', 'Résumé, Müller, Ærø, ¿señor?', 'Résumé, Müller, Ærø, ¿señor?'],
    ['Windows-1252 punctuation', '“quoted” ‘single’ – — … € ™ • Œ', '“quoted” ‘single’ – — … € ™ • Œ'],
    ['CRLF and CR as LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['a leading byte-order mark dropped', '\ufeffabc', 'abc'],
    ['decomposed accents composed', 'Re\u0301sume\u0301', 'Résumé'],
    ['typographic spaces and hyphens made plain', 'a\u2009b\u00a0c\u2011d\u2212e\u200bf', 'a b\u00a0c-d-ef'],
    ['line separators as LF', 'a\u2028b', 'a\nb'],
    ['form feeds kept', 'page one\fpage two', 'page one\fpage two'],
    ['Greek', 'Καλημέρα, γιατρέ', 'Καλημέρα, γιατρέ'],
    ['Cyrillic', 'Привет, Ёжик', 'Привет, Ёжик'],
    ['Latin Extended-A and -B', 'Łódź, Dvořák, Ğüneş, Ștefan, ƒ', 'Łódź, Dvořák, Ğüneş, Ștefan, ƒ'],
    ['Armenian and Georgian', 'Բարեւ, გამარჯობა', 'Բարեւ, გამარჯობა'],
    ['decomposed Cyrillic composed', 'И\u0306', 'Й'],
  ])('keeps or maps safely: %s', (_label, input, expected) => {
    expect(prepareFaxText(input)).toBe(expected);
  });

  it.each([
    ['CJK', 'Tokyo 東京'],
    ['Korean', '안녕'],
    ['Hebrew (right to left)', 'שלום'],
    ['Arabic (right to left, although the font has some of its letters)', 'مرحبا'],
    ['a right-to-left mark', 'a\u200fb'],
    ['a fullwidth digit', '３'],
    ['an emoji', 'ok 👍'],
    ['a character outside the Basic Multilingual Plane the font has no glyph for', '\u{1d400}'],
    ['a C1 control character', 'a\u0085b'],
    ['a C0 control character', 'a\u0007b'],
    ['a combining mark with no composed form', 'q\u0301'],
  ])('refuses %s with UNSUPPORTED_CHARACTERS', (_label, input) => {
    expect(refusal(input).code).toBe('UNSUPPORTED_CHARACTERS');
  });

  it('says where the first characters are, by code point, without quoting them', () => {
    const error = refusal('fine\nab東京xyz\n\n한');
    expect(error.message).toContain('3 characters');
    expect(error.message).toContain('line 2, column 3 (U+6771)');
    expect(error.message).toContain('line 4, column 1 (U+D55C)');
    expect(error.message).not.toMatch(/[東京한]/);
  });
});
