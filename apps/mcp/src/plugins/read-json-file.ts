import { readFile } from 'node:fs/promises';
import { PluginSetupError, type PluginSetupErrorCode } from './plugin-setup.error';

/**
 * Reads and parses a JSON file; `undefined` when it does not exist. Any other read failure and
 * text that is not JSON are errors with the given codes, never an empty default.
 */
export async function readJsonFile(path: string, codes: { unreadable: PluginSetupErrorCode; invalid: PluginSetupErrorCode }): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PluginSetupError(codes.unreadable, path, [(error as Error).message], { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PluginSetupError(codes.invalid, path, [`not valid JSON: ${(error as Error).message}`], { cause: error });
  }
}
