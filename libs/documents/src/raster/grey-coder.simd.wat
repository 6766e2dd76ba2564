;; Fax coding kernels for 8-bit grey pages, with WebAssembly SIMD; wrapped by simd-grey-coder.ts.
;; Source of grey-coder.simd.wasm.ts: after editing, run
;;   node tools/wasm/compile-wat.js libs/documents/src/raster/grey-coder.simd.wat
;; (a spec compiles this file again and compares it with the committed bytes, and property tests
;; compare every result with the JavaScript coder's).
;;
;; The module has no memory of its own: it works in the memory it is given (PDFium's heap, where
;; the page was drawn), so the page is never copied. A grey byte darker than 160 is black.
(module
  (import "host" "memory" (memory 1))

  ;; The bit writer of encodeG4: the next output byte, the end of the output, bits not yet written
  ;; (fewer than 8 between calls) and how many, and whether the output ran out.
  (global $out (mut i32) (i32.const 0))
  (global $outEnd (mut i32) (i32.const 0))
  (global $pending (mut i64) (i64.const 0))
  (global $pendingBits (mut i32) (i32.const 0))
  (global $overflow (mut i32) (i32.const 0))
  ;; The code table (see simd-grey-coder.ts): 32-bit entries, code bits << 5 | code length.
  (global $tables (mut i32) (i32.const 0))

  ;; rowChanges(src, width, dst) -> count
  ;; Writes to `dst`, as 32-bit integers, the x of every pixel of the `width` grey bytes at `src`
  ;; whose colour differs from the pixel before it (the row starts after an imaginary white pixel),
  ;; and returns how many it wrote. No sentinels.
  (func $rowChanges (export "rowChanges") (param $src i32) (param $width i32) (param $dst i32) (result i32)
    (local $x i32) (local $colour i32) (local $black i32) (local $changed i32) (local $wholeChunks i32) (local $at i32)
    (local.set $wholeChunks (i32.and (local.get $width) (i32.const -16)))
    (local.set $at (local.get $dst))
    ;; 16 pixels at a time: one comparison gives a 16-bit mask of black pixels (bit i = pixel x + i);
    ;; a pixel changes where its bit differs from the bit below it (the last pixel read, for bit 0).
    (block $chunksDone
      (loop $chunks
        (br_if $chunksDone (i32.ge_u (local.get $x) (local.get $wholeChunks)))
        (local.set $black
          (i8x16.bitmask
            (i8x16.lt_u
              (v128.load align=1 (i32.add (local.get $src) (local.get $x)))
              (i8x16.splat (i32.const 160)))))
        (local.set $changed
          (i32.and
            (i32.xor (local.get $black) (i32.or (i32.shl (local.get $black) (i32.const 1)) (local.get $colour)))
            (i32.const 0xffff)))
        (if (local.get $changed)
          (then
            (loop $bits
              (i32.store (local.get $at) (i32.add (local.get $x) (i32.ctz (local.get $changed))))
              (local.set $at (i32.add (local.get $at) (i32.const 4)))
              (local.set $changed (i32.and (local.get $changed) (i32.sub (local.get $changed) (i32.const 1))))
              (br_if $bits (local.get $changed)))))
        (local.set $colour (i32.shr_u (local.get $black) (i32.const 15)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $chunks)))
    ;; The last width mod 16 pixels one by one.
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $width)))
        (local.set $black (i32.lt_u (i32.load8_u (i32.add (local.get $src) (local.get $x))) (i32.const 160)))
        (if (i32.ne (local.get $black) (local.get $colour))
          (then
            (i32.store (local.get $at) (local.get $x))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (local.set $colour (local.get $black))))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $tail)))
    (i32.shr_u (i32.sub (local.get $at) (local.get $dst)) (i32.const 2)))

  ;; Appends one code word (a table entry: bits << 5 | length), most significant bit first.
  (func $put (param $entry i32)
    (local $length i32)
    (local.set $length (i32.and (local.get $entry) (i32.const 31)))
    (global.set $pending
      (i64.or
        (i64.shl (global.get $pending) (i64.extend_i32_u (local.get $length)))
        (i64.extend_i32_u (i32.shr_u (local.get $entry) (i32.const 5)))))
    (global.set $pendingBits (i32.add (global.get $pendingBits) (local.get $length)))
    (block $written
      (loop $bytes
        (br_if $written (i32.lt_u (global.get $pendingBits) (i32.const 8)))
        (global.set $pendingBits (i32.sub (global.get $pendingBits) (i32.const 8)))
        (if (i32.lt_u (global.get $out) (global.get $outEnd))
          (then
            (i64.store8 (global.get $out) (i64.shr_u (global.get $pending) (i64.extend_i32_u (global.get $pendingBits))))
            (global.set $out (i32.add (global.get $out) (i32.const 1))))
          (else (global.set $overflow (i32.const 1))))
        (br $bytes)))
    (global.set $pending
      (i64.and (global.get $pending) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (global.get $pendingBits))) (i64.const 1)))))

  ;; One run in Modified Huffman code: make-up codes (2560 at most each), then the terminating code,
  ;; always written. `codes` is the byte offset of the colour's codes in the table.
  (func $putRun (param $codes i32) (param $run i32)
    (local $steps i32)
    (block $short
      (loop $makeups
        (br_if $short (i32.lt_u (local.get $run) (i32.const 64)))
        (local.set $steps (i32.shr_u (local.get $run) (i32.const 6)))
        (if (i32.gt_u (local.get $steps) (i32.const 40)) (then (local.set $steps (i32.const 40))))
        ;; make-up code for steps × 64 at entry 64 + steps − 1
        (call $put (i32.load (i32.add (global.get $tables) (i32.add (local.get $codes) (i32.shl (i32.add (local.get $steps) (i32.const 63)) (i32.const 2))))))
        (local.set $run (i32.sub (local.get $run) (i32.shl (local.get $steps) (i32.const 6))))
        (br $makeups)))
    (call $put (i32.load (i32.add (global.get $tables) (i32.add (local.get $codes) (i32.shl (local.get $run) (i32.const 2)))))))

  ;; One row in 2-D coding (T.4 §4.2, used unchanged by T.6) against the row above: changes with
  ;; three sentinels (= width) at `coding` and `reference`, as 32-bit integers.
  (func $codeRow (param $coding i32) (param $reference i32) (param $width i32)
    (local $a0 i32) (local $colour i32) (local $a1Index i32) (local $rightOfA0 i32)
    (local $b1Index i32) (local $b1 i32) (local $b2 i32) (local $a1 i32) (local $a2 i32) (local $offset i32)
    (local.set $a0 (i32.const -1))
    (block $rowDone
      (loop $modes
        (br_if $rowDone (i32.ge_s (local.get $a0) (local.get $width)))
        ;; the first reference change right of a0 (it only moves right, as a0 does)
        (block $found
          (loop $scan
            (br_if $found (i32.gt_s (i32.load (i32.add (local.get $reference) (i32.shl (local.get $rightOfA0) (i32.const 2)))) (local.get $a0)))
            (local.set $rightOfA0 (i32.add (local.get $rightOfA0) (i32.const 1)))
            (br $scan)))
        ;; b1: the first of them changing to the colour opposite a0's; changes to black sit at even indexes
        (local.set $b1Index
          (i32.add (local.get $rightOfA0) (i32.ne (i32.and (local.get $rightOfA0) (i32.const 1)) (local.get $colour))))
        (local.set $b1 (i32.load (i32.add (local.get $reference) (i32.shl (local.get $b1Index) (i32.const 2)))))
        (local.set $b2 (i32.load offset=4 (i32.add (local.get $reference) (i32.shl (local.get $b1Index) (i32.const 2)))))
        (local.set $a1 (i32.load (i32.add (local.get $coding) (i32.shl (local.get $a1Index) (i32.const 2)))))
        (if (i32.lt_s (local.get $b2) (local.get $a1))
          (then
            ;; pass mode: table entry 208
            (call $put (i32.load offset=832 (global.get $tables)))
            (local.set $a0 (local.get $b2))
            (br $modes)))
        (local.set $offset (i32.sub (local.get $a1) (local.get $b1)))
        (if (i32.le_u (i32.add (local.get $offset) (i32.const 3)) (i32.const 6))
          (then
            ;; vertical mode VL3..VR3: table entries 210..216
            (call $put (i32.load offset=840 (i32.add (global.get $tables) (i32.shl (i32.add (local.get $offset) (i32.const 3)) (i32.const 2)))))
            (local.set $a0 (local.get $a1))
            (local.set $a1Index (i32.add (local.get $a1Index) (i32.const 1)))
            (local.set $colour (i32.xor (local.get $colour) (i32.const 1)))
            (br $modes)))
        ;; horizontal mode: table entry 209, then a run of a0's colour and one of the other
        (local.set $a2 (i32.load offset=4 (i32.add (local.get $coding) (i32.shl (local.get $a1Index) (i32.const 2)))))
        (call $put (i32.load offset=836 (global.get $tables)))
        (if (i32.lt_s (local.get $a0) (i32.const 0)) (then (local.set $a0 (i32.const 0))))
        ;; white codes at byte 0 of the table, black codes at byte 416 (entry 104)
        (call $putRun (i32.mul (local.get $colour) (i32.const 416)) (i32.sub (local.get $a1) (local.get $a0)))
        (call $putRun (i32.mul (i32.xor (local.get $colour) (i32.const 1)) (i32.const 416)) (i32.sub (local.get $a2) (local.get $a1)))
        (local.set $a0 (local.get $a2))
        (local.set $a1Index (i32.add (local.get $a1Index) (i32.const 2)))
        (br $modes))))

  ;; encodeG4(src, width, height, rowsA, rowsB, tables, out, outEnd) -> bytes written, or -1
  ;; Codes the thresholded grey page at `src` (rows packed, `width` bytes each) in T.6 (Group 4):
  ;; every row 2-D against the row above (the first against an all-white row), then EOFB, padded to
  ;; a whole byte; the same bytes as encodeCcittRows({ scheme: 't6' }). `rowsA` and `rowsB` hold
  ;; (width + 4) 32-bit integers each. Returns -1, having written at most up to `outEnd`, when the
  ;; page does not fit.
  (func (export "encodeG4")
    (param $src i32) (param $width i32) (param $height i32) (param $rowsA i32) (param $rowsB i32)
    (param $tables i32) (param $outStart i32) (param $outEnd i32) (result i32)
    (local $row i32) (local $count i32) (local $coding i32) (local $reference i32) (local $swap i32) (local $sentinel i32)
    (global.set $tables (local.get $tables))
    (global.set $out (local.get $outStart))
    (global.set $outEnd (local.get $outEnd))
    (global.set $pending (i64.const 0))
    (global.set $pendingBits (i32.const 0))
    (global.set $overflow (i32.const 0))
    (local.set $coding (local.get $rowsA))
    (local.set $reference (local.get $rowsB))
    ;; an all-white reference row: no changes, only sentinels
    (i32.store (local.get $reference) (local.get $width))
    (i32.store offset=4 (local.get $reference) (local.get $width))
    (i32.store offset=8 (local.get $reference) (local.get $width))
    (block $pageDone
      (loop $rows
        (br_if $pageDone (i32.ge_u (local.get $row) (local.get $height)))
        (br_if $pageDone (global.get $overflow))
        (local.set $count
          (call $rowChanges (i32.add (local.get $src) (i32.mul (local.get $row) (local.get $width))) (local.get $width) (local.get $coding)))
        (local.set $sentinel (i32.add (local.get $coding) (i32.shl (local.get $count) (i32.const 2))))
        (i32.store (local.get $sentinel) (local.get $width))
        (i32.store offset=4 (local.get $sentinel) (local.get $width))
        (i32.store offset=8 (local.get $sentinel) (local.get $width))
        (call $codeRow (local.get $coding) (local.get $reference) (local.get $width))
        (local.set $swap (local.get $coding))
        (local.set $coding (local.get $reference))
        (local.set $reference (local.get $swap))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows)))
    ;; EOFB: two EOLs (table entry 217), then zero bits to the byte boundary
    (call $put (i32.load offset=868 (global.get $tables)))
    (call $put (i32.load offset=868 (global.get $tables)))
    (if (global.get $pendingBits)
      (then (call $put (i32.sub (i32.const 8) (global.get $pendingBits)))))
    (if (result i32) (global.get $overflow)
      (then (i32.const -1))
      (else (i32.sub (global.get $out) (local.get $outStart)))))
)
