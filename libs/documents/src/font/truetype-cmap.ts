/**
 * The Unicode code points a TrueType font has a glyph for, read from its `cmap` table: the Windows
 * full-repertoire subtable (format 12) when there is one, else the Windows or Unicode BMP subtable
 * (format 4). A code point mapped to glyph 0 (`.notdef`, the empty box) counts as missing.
 */
export function readCoveredCodePoints(font: Buffer): Set<number> {
  const cmap = findTable(font, 'cmap');
  const subtables = Array.from({ length: font.readUInt16BE(cmap + 2) }, (_, index) => {
    const record = cmap + 4 + index * 8;
    return { platform: font.readUInt16BE(record), encoding: font.readUInt16BE(record + 2), offset: cmap + font.readUInt32BE(record + 4) };
  });
  const pick = (platform: number, encodings: number[], format: number): number | undefined =>
    subtables.find((table) => table.platform === platform && encodings.includes(table.encoding) && font.readUInt16BE(table.offset) === format)?.offset;
  const full = pick(3, [10], 12) ?? pick(0, [4, 6], 12);
  if (full !== undefined) return readFormat12(font, full);
  const bmp = pick(3, [1], 4) ?? pick(0, [0, 1, 2, 3], 4);
  if (bmp !== undefined) return readFormat4(font, bmp);
  throw new Error('the font has no Unicode cmap subtable of format 4 or 12');
}

function findTable(font: Buffer, tag: string): number {
  const tables = font.readUInt16BE(4);
  for (let index = 0; index < tables; index++) {
    const record = 12 + index * 16;
    if (font.toString('latin1', record, record + 4) === tag) return font.readUInt32BE(record + 8);
  }
  throw new Error(`the font has no ${tag} table`);
}

// Segments of consecutive code points; a glyph comes from idDelta, or through idRangeOffset from
// the glyph index array that follows it.
function readFormat4(font: Buffer, table: number): Set<number> {
  const segments = font.readUInt16BE(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const covered = new Set<number>();
  for (let segment = 0; segment < segments; segment++) {
    const end = font.readUInt16BE(ends + segment * 2);
    const start = font.readUInt16BE(starts + segment * 2);
    const delta = font.readUInt16BE(deltas + segment * 2);
    const rangeOffsetAt = rangeOffsets + segment * 2;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        const raw = font.readUInt16BE(rangeOffsetAt + rangeOffset + (code - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) covered.add(code);
    }
  }
  return covered;
}

// Groups of consecutive code points mapped to consecutive glyphs.
function readFormat12(font: Buffer, table: number): Set<number> {
  const groups = font.readUInt32BE(table + 12);
  const covered = new Set<number>();
  for (let group = 0; group < groups; group++) {
    const at = table + 16 + group * 12;
    const start = font.readUInt32BE(at);
    const end = font.readUInt32BE(at + 4);
    const firstGlyph = font.readUInt32BE(at + 8);
    for (let code = start; code <= end; code++) if (firstGlyph + (code - start) !== 0) covered.add(code);
  }
  return covered;
}
