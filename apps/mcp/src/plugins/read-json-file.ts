import { readJsonFile as readJson } from '@faxbot/plugin-packages';
import { PluginSetupError, type PluginSetupErrorCode } from './plugin-setup.error';

/**
 * Reads and parses a JSON file; `undefined` when it does not exist. Any other read failure and
 * text that is not JSON are errors with the given codes, never an empty default.
 */
export async function readJsonFile(path: string, codes: { unreadable: PluginSetupErrorCode; invalid: PluginSetupErrorCode }): Promise<unknown> {
  const read = await readJson(path);
  if (read.state === 'missing') return undefined;
  if (read.state === 'ok') return read.value;
  throw new PluginSetupError(codes[read.state], path, [read.reason], { cause: read.cause });
}
