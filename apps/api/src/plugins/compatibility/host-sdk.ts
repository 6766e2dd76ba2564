import { readFileSync, realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { nodeModulesRoots } from '@faxbot/plugin-packages';
import { SDK_PACKAGE } from './check-compatibility';

/** The `@faxbot/plugin-sdk` copy the host itself uses. */
export interface HostSdk {
  version: string;
  /** Real path of the SDK package folder. */
  dir: string;
}

/** Finds the host's own SDK the way Node resolves it from this module. */
export function readHostSdk(): HostSdk {
  const dir = realpathSync(dirname(require.resolve(`${SDK_PACKAGE}/package.json`)));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { version, dir };
}

/**
 * The real folder of the `@faxbot/plugin-sdk` a plugin in `pluginDir` would load (Node's lookup:
 * the first `node_modules` walking up from the plugin), or null when it would find none.
 */
export async function resolveSdkFrom(pluginDir: string): Promise<string | null> {
  for (const root of nodeModulesRoots(pluginDir)) {
    const dir = await realpath(join(root, SDK_PACKAGE)).catch(() => null);
    if (dir !== null) return dir;
  }
  return null;
}
