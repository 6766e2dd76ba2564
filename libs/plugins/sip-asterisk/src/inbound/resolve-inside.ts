import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** Why a path was refused. */
export type InsideCheck = { ok: true; path: string } | { ok: false; reason: 'outside' | 'missing' };

function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Resolves `candidate` (absolute, or relative to `dir`) and checks it stays inside `dir` twice: as
 * written (no `..` walking out) and after following symlinks (no link pointing out). Returns the
 * real path, `outside`, or `missing` when it does not exist.
 */
export async function resolveInside(dir: string, candidate: string): Promise<InsideCheck> {
  const realDir = await realpath(dir);
  const written = resolve(dir, candidate);
  // The dialplan may name the folder by its configured path or by its real one.
  if (!within(dir, written) && !within(realDir, written)) return { ok: false, reason: 'outside' };
  let real: string;
  try {
    real = await realpath(written);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  return within(realDir, real) ? { ok: true, path: real } : { ok: false, reason: 'outside' };
}
