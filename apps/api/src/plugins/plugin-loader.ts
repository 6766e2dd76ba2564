import { join } from 'node:path';
import type { BackendPlugin } from '@faxbot/plugin-sdk';

/** Imports a plugin's entry module and returns its `createPlugin` factory. */
export async function loadPluginFactory(packageDir: string, entry: string): Promise<() => BackendPlugin> {
  const module = (await import(join(packageDir, entry))) as Record<string, unknown>;
  const factory = module['createPlugin'] ?? (module['default'] as Record<string, unknown> | undefined)?.['createPlugin'];
  if (typeof factory !== 'function') throw new Error('entry does not export createPlugin()');
  return factory as () => BackendPlugin;
}
