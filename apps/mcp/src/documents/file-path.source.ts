import { open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { ToolError } from '../tools/tool-error';
import { safeFileName, type LoadedDocument } from './loaded-document';

/** Options for {@link readDocumentFromPath}. */
export interface FilePathOptions {
  maxBytes: number;
  /** Directories the file must lie in (after resolving symlinks); `null` allows any readable file. */
  roots: string[] | null;
}

const CHUNK_BYTES = 256 * 1024;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function resolveRoots(roots: string[]): Promise<string[]> {
  return Promise.all(roots.map((root) => realpath(root).catch(() => root)));
}

/**
 * Reads a local document. Its size is checked from the file system before a byte is read, and
 * reading stops at the limit even if the file grows meanwhile. Error messages never repeat the
 * path (a file name can be PHI).
 */
export async function readDocumentFromPath(path: string, options: FilePathOptions): Promise<LoadedDocument> {
  if (!isAbsolute(path)) throw new ToolError('INVALID_INPUT', 'filePath must be an absolute path');
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    throw new ToolError('FILE_UNREADABLE', 'filePath does not exist or is not readable by the MCP server', { cause: error });
  }
  if (options.roots !== null) {
    const roots = await resolveRoots(options.roots);
    if (!roots.some((root) => inside(root, real))) throw new ToolError('NOT_ALLOWED', 'filePath is outside the directories this MCP server may read (MCP_FILE_ROOTS)');
  }
  const info = await stat(real).catch((error: unknown) => {
    throw new ToolError('FILE_UNREADABLE', 'filePath does not exist or is not readable by the MCP server', { cause: error });
  });
  if (!info.isFile()) throw new ToolError('FILE_UNREADABLE', 'filePath is not a regular file');
  const tooLarge = (size: number): ToolError => new ToolError('TOO_LARGE', `File too large: ${size} bytes; the limit is ${options.maxBytes} bytes`);
  if (info.size > options.maxBytes) throw tooLarge(info.size);

  const handle = await open(real, 'r').catch((error: unknown) => {
    throw new ToolError('FILE_UNREADABLE', 'filePath does not exist or is not readable by the MCP server', { cause: error });
  });
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, options.maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > options.maxBytes) throw tooLarge(length);
    }
    if (length === 0) throw new ToolError('INVALID_INPUT', 'The file at filePath is empty');
    return { bytes: Buffer.concat(chunks, length), fileName: safeFileName(real, 'document') };
  } finally {
    await handle.close();
  }
}
