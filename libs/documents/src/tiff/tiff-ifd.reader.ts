import { DocumentError } from '../document.error';

/** The tags of one TIFF page (image file directory) that Faxbot reads. */
export interface TiffPage {
  width: number;
  height: number;
  /** Tag 259: 1 none, 3 CCITT T.4 (G3), 4 CCITT T.6 (G4), 5 LZW, 7 JPEG, 8 Deflate, 32773 PackBits… */
  compression: number;
  /** Tag 292 of a G3 page: bit 0 2-D coding, bit 1 uncompressed mode, bit 2 byte-aligned EOLs. */
  t4Options: number | undefined;
  /** Tag 262: 0 white is zero, 1 black is zero, 2 RGB… */
  photometric: number | undefined;
  bitsPerSample: number;
  samplesPerPixel: number;
  rowsPerStrip: number;
  stripOffsets: number[];
  stripByteCounts: number[];
  /** Tag 282, in pixels per {@link resolutionUnit}. */
  xResolution: number | undefined;
  /** Tag 283, in pixels per {@link resolutionUnit}. */
  yResolution: number | undefined;
  /** Tag 296: 1 none, 2 inch (the default), 3 centimetre. */
  resolutionUnit: number;
  /** Tag 274: 1 upright (the default); 5–8 mean the picture is stored turned a quarter. */
  orientation: number;
  /** Tag 297 `[page, of]`, when present. */
  pageNumber: [number, number] | undefined;
}

const TYPE_SIZES: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const MAX_ENTRIES = 1000;

/**
 * Reads the directory chain of a classic (not Big) TIFF without decoding any image data. Every
 * offset is bounds-checked and loops are detected, so hostile files give `UNREADABLE`, and a chain
 * longer than `maxPages` gives `TOO_MANY_PAGES` before it is walked to the end.
 */
export function readTiffPages(bytes: Buffer, maxPages: number = Number.MAX_SAFE_INTEGER): TiffPage[] {
  const reader = new TiffReader(bytes);
  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  let offset = reader.header();
  while (offset !== 0) {
    if (seen.has(offset)) throw unreadable('its page directories form a loop');
    seen.add(offset);
    if (pages.length === maxPages) throw new DocumentError('TOO_MANY_PAGES', `The TIFF has more than the ${maxPages} pages allowed.`);
    const { page, next } = reader.directory(offset);
    pages.push(page);
    offset = next;
  }
  if (pages.length === 0) throw new DocumentError('EMPTY_DOCUMENT', 'The TIFF has no pages.');
  return pages;
}

class TiffReader {
  private littleEndian = true;

  constructor(private readonly bytes: Buffer) {}

  header(): number {
    if (this.bytes.length < 8) throw unreadable('it is shorter than a TIFF header');
    const order = this.bytes.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') throw unreadable('it has no TIFF byte-order mark');
    this.littleEndian = order === 'II';
    if (this.u16(2) !== 42) throw unreadable('it is not a classic TIFF');
    const first = this.u32(4);
    if (first === 0) throw new DocumentError('EMPTY_DOCUMENT', 'The TIFF has no pages.');
    return first;
  }

  directory(offset: number): { page: TiffPage; next: number } {
    this.need(offset, 2);
    const count = this.u16(offset);
    if (count === 0 || count > MAX_ENTRIES) throw unreadable('a page directory has an impossible number of entries');
    this.need(offset + 2, count * 12 + 4);
    const tags = new Map<number, number[]>();
    for (let index = 0; index < count; index++) {
      const entry = offset + 2 + index * 12;
      const tag = this.u16(entry);
      const values = this.values(entry);
      if (values !== undefined) tags.set(tag, values);
    }
    return { page: toPage(tags), next: this.u32(offset + 2 + count * 12) };
  }

  private values(entry: number): number[] | undefined {
    const type = this.u16(entry + 2);
    const count = this.u32(entry + 4);
    const size = TYPE_SIZES[type];
    if (size === undefined || ![3, 4, 5, 13].includes(type)) return undefined; // only the numeric types we read
    const length = size * count;
    if (count > this.bytes.length) throw unreadable('a tag claims more values than the file holds');
    const start = length <= 4 ? entry + 8 : this.u32(entry + 8);
    this.need(start, length);
    const values: number[] = [];
    for (let index = 0; index < count; index++) {
      const at = start + index * size;
      if (type === 3) values.push(this.u16(at));
      else if (type === 5) {
        const denominator = this.u32(at + 4);
        values.push(denominator === 0 ? 0 : this.u32(at) / denominator);
      } else values.push(this.u32(at));
    }
    return values;
  }

  private need(offset: number, length: number): void {
    if (offset < 0 || offset + length > this.bytes.length) throw unreadable('it is truncated or points outside itself');
  }

  private u16(offset: number): number {
    return this.littleEndian ? this.bytes.readUInt16LE(offset) : this.bytes.readUInt16BE(offset);
  }

  private u32(offset: number): number {
    return this.littleEndian ? this.bytes.readUInt32LE(offset) : this.bytes.readUInt32BE(offset);
  }
}

function toPage(tags: Map<number, number[]>): TiffPage {
  const one = (tag: number): number | undefined => tags.get(tag)?.[0];
  const width = one(256);
  const height = one(257);
  if (width === undefined || height === undefined || width === 0 || height === 0) throw unreadable('a page has no width or height');
  const pageNumber = tags.get(297);
  return {
    width,
    height,
    compression: one(259) ?? 1,
    t4Options: one(292),
    photometric: one(262),
    bitsPerSample: one(258) ?? 1,
    samplesPerPixel: one(277) ?? 1,
    rowsPerStrip: Math.min(one(278) ?? height, height),
    stripOffsets: tags.get(273) ?? [],
    stripByteCounts: tags.get(279) ?? [],
    xResolution: positive(one(282)),
    yResolution: positive(one(283)),
    resolutionUnit: one(296) ?? 2,
    orientation: one(274) ?? 1,
    pageNumber: pageNumber !== undefined && pageNumber.length >= 2 ? [pageNumber[0] ?? 0, pageNumber[1] ?? 0] : undefined,
  };
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

function unreadable(reason: string): DocumentError {
  return new DocumentError('UNREADABLE', `The TIFF cannot be read: ${reason}.`);
}
