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
  /** The values are byte offsets into the file (strip offsets), moved with the segment. */
  offsets?: true;
}

const TYPE_SIZES = { 3: 2, 4: 4, 5: 8 } as const;
const HEADER_BYTES = 8;

/**
 * A run of consecutive pages of a fax TIFF, written on their own: each page's strips followed by
 * its directory, as if the segment started at byte 0. {@link joinFaxTiffSegments} places segments
 * one after another and moves every file offset in them by where the segment lands, so pages can
 * be coded in several threads and joined without coding anything again.
 */
export interface FaxTiffSegment {
  bytes: Uint8Array;
  /** Pages in the segment (0 for an empty one). */
  pages: number;
  /** Where the segment's first directory starts, from the segment's start. */
  firstDirectory: number;
  /** Where the last directory's next-directory offset is; joining links it to the next segment. */
  lastNextPointer: number;
  /** Where every other file offset in the segment is (4-byte little-endian values to move). */
  offsetFields: Uint32Array;
}

/** Where the segment's pages sit in the whole file: the index of its first page and the page total. */
export interface PageNumbering {
  first: number;
  total: number;
}

/**
 * Writes a multi-page TIFF in the shape fax software expects (TIFF Class F): per page 1 bit per
 * pixel, CCITT G3 (compression 3, with T4Options) or G4 (compression 4, with T6Options), white is
 * zero, fill order 1, X/Y resolution in dots per inch, `NewSubfileType` page and `PageNumber` n of
 * N. Strips are copied as they are, so pages can be encoded one at a time and never held
 * uncompressed together. Each page's strips come before its directory, in page order.
 */
export function writeFaxTiff(pages: FaxTiffPage[], resolution: { xDpi: number; yDpi: number }): Buffer {
  return joinFaxTiffSegments([writeFaxTiffSegment(pages, resolution, { first: 0, total: pages.length })]);
}

/**
 * Writes `pages` as a {@link FaxTiffSegment}: the pages numbered from `numbering.first` of
 * `numbering.total` in their `PageNumber` tags.
 */
export function writeFaxTiffSegment(pages: FaxTiffPage[], resolution: { xDpi: number; yDpi: number }, numbering: PageNumbering): FaxTiffSegment {
  const chunks: Buffer[] = [];
  const offsetFields: number[] = [];
  let position = 0;
  let firstDirectory = 0;
  // The last directory's next-directory offset: in its buffer, and from the segment's start.
  let nextPointer: { buffer: Buffer; at: number; position: number } | undefined;
  pages.forEach((page, index) => {
    const stripOffsets: number[] = [];
    for (const strip of page.strips) {
      stripOffsets.push(position);
      chunks.push(strip);
      position += strip.length;
    }
    // Directories start on a word boundary (TIFF 6.0, section 2).
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
      { tag: 273, type: 4, values: stripOffsets, offsets: true },
      { tag: 277, type: 3, values: [1] },
      { tag: 278, type: 4, values: [page.rowsPerStrip] },
      { tag: 279, type: 4, values: page.strips.map((strip) => strip.length) },
      { tag: 282, type: 5, values: [resolution.xDpi] },
      { tag: 283, type: 5, values: [resolution.yDpi] },
      { tag: 284, type: 3, values: [1] },
      page.compression === 3 ? { tag: 292, type: 4, values: [page.t4Options ?? 0] } : { tag: 293, type: 4, values: [0] },
      { tag: 296, type: 3, values: [2] },
      { tag: 297, type: 3, values: [numbering.first + index, numbering.total] },
    ];
    const directory = encodeDirectory(entries, position, offsetFields);
    if (nextPointer === undefined) firstDirectory = position;
    else {
      // The previous directory's link to this one is a file offset like any other.
      nextPointer.buffer.writeUInt32LE(position, nextPointer.at);
      offsetFields.push(nextPointer.position);
    }
    const at = 2 + entries.length * 12;
    nextPointer = { buffer: directory, at, position: position + at };
    chunks.push(directory);
    position += directory.length;
  });
  return { bytes: Buffer.concat(chunks), pages: pages.length, firstDirectory, lastNextPointer: nextPointer?.position ?? -1, offsetFields: Uint32Array.from(offsetFields) };
}

/**
 * Joins segments, in order, into one TIFF file: a little-endian header, then each segment with
 * its offsets moved to where it lands, each segment's last directory pointing at the next one's
 * first. Empty segments are skipped. The pages' `PageNumber` tags were set when the segments were
 * written; the segments must together hold pages 0 to N − 1 of N, in order.
 */
export function joinFaxTiffSegments(segments: FaxTiffSegment[]): Buffer {
  const filled = segments.filter((segment) => segment.pages > 0);
  const total = filled.reduce((sum, segment) => sum + segment.bytes.length, HEADER_BYTES);
  const file = Buffer.alloc(total);
  file.write('II', 0, 'latin1');
  file.writeUInt16LE(42, 2);
  let previousNextPointer = 4; // the header's offset of the first directory
  let base = HEADER_BYTES;
  for (const segment of filled) {
    file.set(segment.bytes, base);
    for (const field of segment.offsetFields) file.writeUInt32LE(file.readUInt32LE(base + field) + base, base + field);
    file.writeUInt32LE(base + segment.firstDirectory, previousNextPointer);
    previousNextPointer = base + segment.lastNextPointer;
    base += segment.bytes.length;
  }
  return file;
}

// A directory at `offset`; records in `offsetFields` where file offsets were written in it.
function encodeDirectory(entries: Entry[], offset: number, offsetFields: number[]): Buffer {
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
    if (data.length <= 4) {
      data.copy(fixed, at + 8);
      if (entry.offsets && entry.values.length === 1) offsetFields.push(offset + at + 8);
    } else {
      fixed.writeUInt32LE(extraPosition, at + 8);
      offsetFields.push(offset + at + 8);
      if (entry.offsets) entry.values.forEach((_value, value) => offsetFields.push(extraPosition + value * 4));
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
