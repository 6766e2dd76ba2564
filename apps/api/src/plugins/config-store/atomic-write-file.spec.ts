import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write-file';

describe('writeFileAtomic', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faxbot-atomic-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a file with the given mode and leaves nothing else behind', async () => {
    const path = join(dir, 'config.json');

    await writeFileAtomic(path, '{"a":1}\n', { mode: 0o600 });

    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('replaces an existing file as a whole', async () => {
    const path = join(dir, 'config.json');
    writeFileSync(path, 'old content that is longer than the new one');

    await writeFileAtomic(path, 'new', { mode: 0o600 });

    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('keeps the target and removes its temporary file when the rename fails', async () => {
    // A directory in the way makes the final rename fail after the temporary file was written.
    const path = join(dir, 'config.json');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'untouched');

    await expect(writeFileAtomic(path, 'new', { mode: 0o600 })).rejects.toThrow();

    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(readFileSync(join(path, 'inside'), 'utf8')).toBe('untouched');
  });

  it('fails without side effects when the directory does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'config.json'), 'x', { mode: 0o600 })).rejects.toMatchObject({ code: 'ENOENT' });

    expect(readdirSync(dir)).toEqual([]);
  });
});
