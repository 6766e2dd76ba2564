// The few parts of the WebAssembly JavaScript API this package uses, typed here because the
// @types/node 20 the workspace builds with does not declare the `WebAssembly` global (the DOM
// library does, but is not ours to load in a Node package).

/** A WebAssembly linear memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** A compiled WebAssembly module. */
export type WasmModule = object;

interface WasmRuntime {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
}

/** The runtime's `WebAssembly` global. */
export const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;
