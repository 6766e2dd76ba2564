/** One CCITT-coded page: its strips, already coded, and how they were coded. */
export interface FaxTiffPage {
  width: number;
  height: number;
  rowsPerStrip: number;
  strips: Buffer[];
  /** Tag 259: 3 CCITT T.4 (G3), 4 CCITT T.6 (G4). */
  compression: 3 | 4;
  /** Tag 292 of a T.4 page: bit 0 2-D coding, bit 2 byte-aligned EOLs. */
  t4Options?: number;
}

interface Entry {
  tag: number;
  type: 3 | 4 | 5;
  values: number[];
}

const TYPE_SIZES = { 3: 2, 4: 4, 5: 8 } as const;

/**
 * Writes a multi-page TIFF in the shape fax software expects (TIFF Class F): per page 1 bit per
 * pixel, CCITT G3 (compression 3, with T4Options) or G4 (compression 4, with T6Options), white is
 * zero, fill order 1, X/Y resolution in dots per inch, `NewSubfileType` page and `PageNumber` n of
 * N. Strips are copied as they are, so pages can be encoded one at a time and never held
 * uncompressed together.
 */
export function writeFaxTiff(pages: FaxTiffPage[], resolution: { xDpi: number; yDpi: number }): Buffer {
  const chunks: Buffer[] = [];
  let position = 8;
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  chunks.push(header);
  // Where the offset of the next directory goes: the header first, then each directory's last field.
  let nextPointer: { buffer: Buffer; at: number } = { buffer: header, at: 4 };
  pages.forEach((page, index) => {
    const stripOffsets: number[] = [];
    for (const strip of page.strips) {
      stripOffsets.push(position);
      chunks.push(strip);
      position += strip.length;
    }
    if (position % 2 === 1) {
      chunks.push(Buffer.alloc(1));
      position += 1;
    }
    const entries: Entry[] = [
      { tag: 254, type: 4, values: [2] },
      { tag: 256, type: 4, values: [page.width] },
      { tag: 257, type: 4, values: [page.height] },
      { tag: 258, type: 3, values: [1] },
      { tag: 259, type: 3, values: [page.compression] },
      { tag: 262, type: 3, values: [0] },
      { tag: 266, type: 3, values: [1] },
      { tag: 273, type: 4, values: stripOffsets },
      { tag: 277, type: 3, values: [1] },
      { tag: 278, type: 4, values: [page.rowsPerStrip] },
      { tag: 279, type: 4, values: page.strips.map((strip) => strip.length) },
      { tag: 282, type: 5, values: [resolution.xDpi] },
      { tag: 283, type: 5, values: [resolution.yDpi] },
      { tag: 284, type: 3, values: [1] },
      page.compression === 3 ? { tag: 292, type: 4, values: [page.t4Options ?? 0] } : { tag: 293, type: 4, values: [0] },
      { tag: 296, type: 3, values: [2] },
      { tag: 297, type: 3, values: [index, pages.length] },
    ];
    const directory = encodeDirectory(entries, position);
    nextPointer.buffer.writeUInt32LE(position, nextPointer.at);
    nextPointer = { buffer: directory, at: 2 + entries.length * 12 };
    chunks.push(directory);
    position += directory.length;
  });
  return Buffer.concat(chunks);
}

function encodeDirectory(entries: Entry[], offset: number): Buffer {
  const fixedLength = 2 + entries.length * 12 + 4;
  const extra: Buffer[] = [];
  let extraPosition = offset + fixedLength;
  const fixed = Buffer.alloc(fixedLength);
  fixed.writeUInt16LE(entries.length, 0);
  entries.forEach((entry, index) => {
    const at = 2 + index * 12;
    fixed.writeUInt16LE(entry.tag, at);
    fixed.writeUInt16LE(entry.type, at + 2);
    fixed.writeUInt32LE(entry.values.length, at + 4);
    const data = encodeValues(entry);
    if (data.length <= 4) data.copy(fixed, at + 8);
    else {
      fixed.writeUInt32LE(extraPosition, at + 8);
      extra.push(data);
      extraPosition += data.length;
    }
  });
  return Buffer.concat([fixed, ...extra]);
}

function encodeValues(entry: Entry): Buffer {
  const data = Buffer.alloc(TYPE_SIZES[entry.type] * entry.values.length);
  entry.values.forEach((value, index) => {
    if (entry.type === 3) data.writeUInt16LE(value, index * 2);
    else if (entry.type === 4) data.writeUInt32LE(value, index * 4);
    else {
      // Fax resolutions are whole dpi; anything else keeps two decimals.
      const denominator = Number.isInteger(value) ? 1 : 100;
      data.writeUInt32LE(Math.round(value * denominator), index * 8);
      data.writeUInt32LE(denominator, index * 8 + 4);
    }
  });
  return data;
}
