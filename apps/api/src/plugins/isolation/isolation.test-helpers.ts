import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FaxDocument, PluginDeps } from '@faxbot/plugin-sdk';
import { createTestDeps, type TestDeps } from '@faxbot/plugin-sdk/testing';
import type { IsolationTier } from './child-handle';
import { createIsolatedPlugin, type IsolatedPlugin } from './isolated-plugin';
import type { IsolatedPluginOptions } from './isolated-plugin.options';

export const TIERS: readonly IsolationTier[] = ['worker', 'process'];

/** Absolute path of a fixture plugin entry. */
export function fixture(name: string): string {
  return join(__dirname, '__fixtures__', name);
}

/** A document of random bytes (every byte value is likely to appear), as the host's store gives it. */
export function binaryDocument(size = 64 * 1024): { document: FaxDocument; bytes: Buffer } {
  const bytes = randomBytes(size);
  const document: FaxDocument = {
    type: 'pdf',
    mimeType: 'application/pdf',
    fileName: 'scan.pdf',
    sizeBytes: bytes.length,
    open: () => Readable.from([bytes]),
    read: async () => bytes,
  };
  return { document, bytes };
}

/** State changes a plugin reported, in order. */
export type StateLog = Array<{ state: string; reason: string | null }>;

/** An isolated plugin under test, with its deps (log lines) and state changes. */
export interface Started {
  plugin: IsolatedPlugin;
  deps: PluginDeps & Partial<Pick<TestDeps, 'logLines'>>;
  states: StateLog;
}

/** Creates and starts an isolated fixture plugin with short, test-sized timings. */
export async function startIsolated(
  tier: IsolationTier,
  entry: string,
  overrides: Partial<IsolatedPluginOptions> & { config?: Record<string, unknown> } = {},
): Promise<Started> {
  const deps = overrides.deps ?? createTestDeps({ pluginId: 'echo' });
  const states: StateLog = [];
  const config = overrides.config ?? {};
  const plugin = createIsolatedPlugin({
    tier,
    entryPath: entry,
    pluginId: 'echo',
    instanceId: 'echo',
    config,
    deps,
    callTimeoutMs: 5_000,
    startTimeoutMs: 5_000,
    stopTimeoutMs: 2_000,
    backoff: { baseMs: 10, maxMs: 40 },
    onStateChange: (state, reason) => states.push({ state, reason }),
    ...overrides,
  });
  await plugin.start(config, deps);
  return { plugin, deps, states };
}

/** Resolves once `predicate` holds; fails the test after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** True while an OS process with this pid exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
