import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Absolute path of the compiled plugin runner. Worker threads and forked processes need plain
 * JavaScript, so when this code runs from TypeScript sources (jest) the runner comes from the
 * package's `dist` folder, which must have been built.
 */
export function resolveRunnerPath(): string {
  const path = __filename.endsWith('.ts') ? join(__dirname, '../../../dist/plugins/isolation/plugin-runner.js') : join(__dirname, 'plugin-runner.js');
  if (!existsSync(path)) {
    throw new Error(`the isolated plugin runner is missing at ${path}: build @faxbot/api first (tsc -p apps/api/tsconfig.lib.json)`);
  }
  return path;
}
