import { BLACK_RUN_CODES, EOL, MODE_CODES, WHITE_RUN_CODES, type CodeWord, type RunCodes } from './ccitt-codes';

const asText = (code: CodeWord): string => code.bits.toString(2).padStart(code.length, '0');

// A decoder reads codes bit by bit, so no code of a set may begin another one.
function prefixClashes(codes: readonly CodeWord[]): string[] {
  const texts = codes.map(asText);
  return texts.flatMap((text, index) => texts.filter((other, at) => at !== index && other.startsWith(text)).map((other) => `${text} begins ${other}`));
}

const everyCode = (codes: RunCodes): CodeWord[] => [...codes.terminating, ...codes.makeup, EOL];

describe('CCITT code tables', () => {
  it.each([
    ['white', WHITE_RUN_CODES],
    ['black', BLACK_RUN_CODES],
  ])('has 64 terminating and 40 make-up codes for %s runs', (_colour, codes) => {
    expect(codes.terminating).toHaveLength(64);
    expect(codes.makeup).toHaveLength(40);
  });

  it.each([
    ['white', WHITE_RUN_CODES],
    ['black', BLACK_RUN_CODES],
  ])('codes %s runs and EOL without any code being the prefix of another', (_colour, codes) => {
    expect(prefixClashes(everyCode(codes))).toEqual([]);
  });

  it('codes the 2-D modes without any code being the prefix of another', () => {
    expect(prefixClashes([MODE_CODES.pass, MODE_CODES.horizontal, ...MODE_CODES.vertical, EOL])).toEqual([]);
  });

  it.each([
    [WHITE_RUN_CODES.terminating[0]!, '00110101'],
    [WHITE_RUN_CODES.terminating[63]!, '00110100'],
    [WHITE_RUN_CODES.makeup[26]!, '010011011'],
    [BLACK_RUN_CODES.terminating[0]!, '0000110111'],
    [BLACK_RUN_CODES.terminating[3]!, '10'],
    [BLACK_RUN_CODES.makeup[0]!, '0000001111'],
    [BLACK_RUN_CODES.makeup[39]!, '000000011111'],
    [EOL, '000000000001'],
  ])('keeps the code %#', (code, text) => {
    expect(asText(code)).toBe(text);
  });
});
