import { CHANGE_SENTINELS } from '../ccitt/changing-elements';
import type { ChangingElementRows } from '../ccitt/changing-element-rows';
import { BLACK_RUN_CODES, EOL, MODE_CODES, WHITE_RUN_CODES, type CodeWord } from '../ccitt/ccitt-codes';
import { wasmRuntime, type WasmMemory, type WasmModule } from '../wasm-runtime';
import { GREY_CODER_SIMD_WASM } from './grey-coder.simd.wasm';

type RowChanges = (source: number, width: number, destination: number) => number;
type EncodeG4 = (source: number, width: number, height: number, rowsA: number, rowsB: number, tables: number, out: number, outEnd: number) => number;

// The code table the kernel reads, in the order grey-coder.simd.wat expects: 32-bit entries of
// code bits << 5 | code length. Built from the same tables as the JavaScript coders.
const CODE_TABLE: readonly CodeWord[] = [
  ...WHITE_RUN_CODES.terminating, // entries 0–63
  ...WHITE_RUN_CODES.makeup, // 64–103
  ...BLACK_RUN_CODES.terminating, // 104–167
  ...BLACK_RUN_CODES.makeup, // 168–207
  MODE_CODES.pass, // 208
  MODE_CODES.horizontal, // 209
  ...MODE_CODES.vertical, // 210–216
  EOL, // 217
];
const TABLE_BYTES = CODE_TABLE.length * 4;

let compiled: WasmModule | null | undefined;

// Compiled once per thread; null where the runtime has no WebAssembly SIMD (Node has had it since
// 16, but a runtime started with it turned off must still convert, with the JavaScript path).
function simdModule(): WasmModule | null {
  if (compiled === undefined) compiled = wasmRuntime.validate(GREY_CODER_SIMD_WASM) ? new wasmRuntime.Module(GREY_CODER_SIMD_WASM) : null;
  return compiled;
}

/**
 * Codes 8-bit grey pages (thresholded at {@link THRESHOLD}) with WebAssembly SIMD, straight in the
 * WebAssembly memory that holds them (PDFium's heap, where the page was drawn): finding each row's
 * changing elements 16 pixels per comparison, and, for G4, the whole page's 2-D coding too. The
 * same changes as {@link thresholdedGreyRows} and the same bytes as the JavaScript coder. Works in
 * `scratchBytes(width, height)` bytes of that memory, at `scratch`.
 */
export class SimdGreyCoder {
  private constructor(
    private readonly memory: WasmMemory,
    private readonly rowChanges: RowChanges,
    private readonly encodeG4Kernel: EncodeG4,
    private readonly layout: { tables: number; rowsA: number; rowsB: number; out: number; outEnd: number },
  ) {}

  /**
   * Bytes of scratch memory for pages of `width` × `height`: the code table, two rows of changes,
   * and room for a G4 page twice the size of the packed page (a page that needs more is coded by
   * the JavaScript coder instead).
   */
  static scratchBytes(width: number, height: number): number {
    return TABLE_BYTES + 2 * rowBytes(width) + outputBytes(width, height);
  }

  /** A coder working in `memory`, or undefined where WebAssembly SIMD is not available. */
  static create(memory: WasmMemory, scratch: number, width: number, height: number): SimdGreyCoder | undefined {
    const module = simdModule();
    if (module === null || scratch % 4 !== 0) return undefined;
    const { exports } = new wasmRuntime.Instance(module, { host: { memory } });
    const tables = scratch;
    new Int32Array(memory.buffer, tables, CODE_TABLE.length).set(CODE_TABLE.map((code) => (code.bits << 5) | code.length));
    const rowsA = tables + TABLE_BYTES;
    const rowsB = rowsA + rowBytes(width);
    const out = rowsB + rowBytes(width);
    const layout = { tables, rowsA, rowsB, out, outEnd: out + outputBytes(width, height) };
    return new SimdGreyCoder(memory, exports['rowChanges'] as RowChanges, exports['encodeG4'] as EncodeG4, layout);
  }

  /**
   * The rows of `grey` (a view into this coder's memory, rows packed, `width` bytes each) for the
   * CCITT coders; undefined if `grey` lies in another memory or is too short. The bytes are read
   * while coding, so they must not change, nor the memory grow, until then.
   */
  rows(grey: Uint8Array, width: number, height: number): ChangingElementRows | undefined {
    if (!this.holds(grey, width, height)) return undefined;
    const heap = new Int32Array(this.memory.buffer);
    const first = this.layout.rowsA >> 2;
    const start = grey.byteOffset;
    return {
      width,
      height,
      changesOfRow: (row, changes) => {
        const count = this.rowChanges(start + row * width, width, this.layout.rowsA);
        changes.set(heap.subarray(first, first + count));
        for (let sentinel = 0; sentinel < CHANGE_SENTINELS; sentinel++) changes[count + sentinel] = width;
        return count;
      },
    };
  }

  /**
   * `grey` coded in T.6 (G4) as one strip, the bytes `encodeCcittRows(rows, { scheme: 't6' })`
   * gives; undefined if `grey` is not in this coder's memory, is too short, is larger than the
   * page this coder was made for, or codes larger than its output room.
   */
  encodeG4(grey: Uint8Array, width: number, height: number): Buffer | undefined {
    if (!this.holds(grey, width, height) || rowBytes(width) > this.layout.rowsB - this.layout.rowsA) return undefined;
    const { tables, rowsA, rowsB, out, outEnd } = this.layout;
    const room = Math.min(outEnd - out, outputBytes(width, height));
    const length = this.encodeG4Kernel(grey.byteOffset, width, height, rowsA, rowsB, tables, out, out + room);
    return length < 0 ? undefined : Buffer.from(new Uint8Array(this.memory.buffer, out, length));
  }

  private holds(grey: Uint8Array, width: number, height: number): boolean {
    return grey.buffer === this.memory.buffer && grey.length >= width * height;
  }
}

// A row's changes with their sentinels, 32-bit each.
function rowBytes(width: number): number {
  return (width + CHANGE_SENTINELS + 1) * 4;
}

// Room for the G4 output: twice the packed page, and never less than 4 KB.
function outputBytes(width: number, height: number): number {
  return Math.max(4096, 2 * Math.ceil(width / 8) * height);
}
