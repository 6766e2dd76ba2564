// The conformance suite runs inside the plugin author's jest, whose functions are globals. They
// are looked up when the suite is declared, so the SDK needs no jest types or dependency.

type Body = () => Promise<void> | void;

/** The few jest globals the suite uses. */
export interface JestGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: Body, timeoutMs?: number): void;
  beforeAll(body: Body, timeoutMs?: number): void;
  afterAll(body: Body, timeoutMs?: number): void;
}

/** The running test framework's globals; throws outside jest (or a jest-compatible runner). */
export function jestGlobals(): JestGlobals {
  const scope = globalThis as unknown as Partial<JestGlobals>;
  const { describe, it, beforeAll, afterAll } = scope;
  if (typeof describe !== 'function' || typeof it !== 'function' || typeof beforeAll !== 'function' || typeof afterAll !== 'function') {
    throw new Error('describeOutboundConformance must be called from a jest test file');
  }
  return { describe, it, beforeAll, afterAll };
}
