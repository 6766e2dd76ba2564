import { readFile } from 'node:fs/promises';

/**
 * Outcome of {@link readJsonFile}: `missing` when there is no file; `unreadable` or `invalid`
 * (not JSON) with one reason and the underlying error; otherwise the parsed value.
 */
export type JsonFileRead =
  | { state: 'missing' }
  | { state: 'ok'; value: unknown }
  | { state: 'unreadable' | 'invalid'; reason: string; cause: unknown };

/**
 * Reads and parses a settings file (the allowlist, a host's plugin list). A missing file is its
 * own outcome, so the caller picks the default; every other failure is reported, never an empty
 * default, because a settings file that silently reads as empty hides the mistake.
 *
 * @example
 * const read = await readJsonFile(path);
 * if (read.state === 'invalid') throw new MyError('INVALID', path, [read.reason], { cause: read.cause });
 */
export async function readJsonFile(path: string): Promise<JsonFileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'unreadable', reason: (error as Error).message, cause: error };
  }
  try {
    return { state: 'ok', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { state: 'invalid', reason: `not valid JSON: ${(error as Error).message}`, cause: error };
  }
}
