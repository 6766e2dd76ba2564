/**
 * A black-and-white raster packed 8 pixels to a byte, most significant bit first, 1 for black,
 * each row padded with white (0) bits to a whole byte: the layout of an uncompressed TIFF with
 * white-is-zero photometry and fill order 1, and what the CCITT coders read.
 */
export interface PackedBilevel {
  width: number;
  height: number;
  /** Bytes per row, `ceil(width / 8)`. */
  stride: number;
  bits: Uint8Array;
}

/** An all-white packed raster of the given size. */
export function blankBilevel(width: number, height: number): PackedBilevel {
  const stride = (width + 7) >> 3;
  return { width, height, stride, bits: new Uint8Array(stride * height) };
}
