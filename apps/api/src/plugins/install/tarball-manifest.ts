import { gunzipSync } from 'node:zlib';
import { PluginInstallError } from './plugin-install.error';

/** Unpacked size above which a tarball is refused without looking further: 256 MiB. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const text = field(header, start, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new PluginInstallError('TARBALL_INVALID', 'tarball has an entry with an unreadable size');
  return parseInt(text, 8);
}

function paxPath(data: Buffer): string | null {
  // Records are "<length> <key>=<value>\n".
  let offset = 0;
  let path: string | null = null;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number(data.subarray(offset, space).toString('ascii'));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1);
    offset += length;
  }
  return path;
}

/**
 * Reads `package.json` out of an npm tarball in memory, without writing anything to disk. npm
 * strips the first path component on extraction (`package/`), and a later entry overwrites an
 * earlier one, so the last top-level `package.json` is the one npm would install.
 *
 * @throws PluginInstallError `TARBALL_INVALID` when the bytes are not a gzipped tar with a
 * readable top-level `package.json`.
 */
export function readPackageJsonFromTarball(tgz: Uint8Array, maxUnpackedBytes = MAX_UNPACKED_BYTES): Record<string, unknown> {
  let tar: Buffer;
  try {
    tar = gunzipSync(tgz, { maxOutputLength: maxUnpackedBytes });
  } catch (error) {
    throw new PluginInstallError('TARBALL_INVALID', `tarball could not be unpacked: ${(error as Error).message}`, { cause: error });
  }
  let found: Buffer | null = null;
  let nextPath: string | null = null;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + BLOCK;
    const data = tar.subarray(dataStart, dataStart + size);
    if (data.length !== size) throw new PluginInstallError('TARBALL_INVALID', 'tarball is truncated');
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      nextPath = paxPath(data) ?? nextPath;
      continue;
    }
    if (type === 'L') {
      nextPath = field(data, 0, data.length);
      continue;
    }
    if (type === 'g') continue;
    const name = field(header, 0, 100);
    const prefix = field(header, 257, 5) === 'ustar' ? field(header, 345, 155) : '';
    const path = nextPath ?? (prefix ? `${prefix}/${name}` : name);
    nextPath = null;
    const isFile = type === '0' || type === '\0' || type === '7';
    if (isFile && path.replace(/^\.?\/+/, '').split('/').slice(1).join('/') === 'package.json') found = Buffer.from(data);
  }
  if (found === null) throw new PluginInstallError('TARBALL_INVALID', 'tarball has no top-level package.json');
  try {
    const parsed = JSON.parse(found.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new PluginInstallError('TARBALL_INVALID', `package.json in the tarball is not a JSON object: ${(error as Error).message}`, { cause: error });
  }
}
