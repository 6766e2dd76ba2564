/**
 * Collects code words most significant bit first (TIFF fill order 1) into a growing byte buffer.
 * Codes are at most 13 bits, so a 32-bit accumulator holding fewer than 8 pending bits never
 * overflows.
 */
export class BitWriter {
  private bytes: Uint8Array;
  private length = 0;
  private pending = 0;
  private pendingBits = 0;

  constructor(initialBytes = 4096) {
    this.bytes = new Uint8Array(Math.max(16, initialBytes));
  }

  /** Appends the low `length` bits of `bits` (length at most 24). */
  write(bits: number, length: number): void {
    this.pending = ((this.pending << length) | bits) >>> 0;
    this.pendingBits += length;
    while (this.pendingBits >= 8) {
      this.pendingBits -= 8;
      if (this.length === this.bytes.length) this.grow();
      this.bytes[this.length++] = (this.pending >>> this.pendingBits) & 0xff;
    }
    this.pending &= (1 << this.pendingBits) - 1;
  }

  /** Bits written since the last byte boundary (0–7). */
  get bitOffset(): number {
    return this.pendingBits;
  }

  /** Pads with zero bits to the next byte boundary. */
  alignToByte(): void {
    if (this.pendingBits > 0) this.write(0, 8 - this.pendingBits);
  }

  /** The bytes written, padded with zero bits to a whole byte. */
  finish(): Buffer {
    this.alignToByte();
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length);
  }

  private grow(): void {
    const larger = new Uint8Array(this.bytes.length * 2);
    larger.set(this.bytes);
    this.bytes = larger;
  }
}
