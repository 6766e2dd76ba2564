import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from './write-file-atomically';

describe('writeFileAtomically', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faxbot-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a file and leaves no temp file behind', async () => {
    await expect(writeFileAtomically(join(dir, 'a.txt'), 'one', { overwrite: false })).resolves.toBe(true);
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one');
  });

  it('keeps the existing file when overwrite is off', async () => {
    await writeFileAtomically(join(dir, 'a.txt'), 'one', { overwrite: false });
    await expect(writeFileAtomically(join(dir, 'a.txt'), 'two', { overwrite: false })).resolves.toBe(false);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('replaces the file when overwrite is on', async () => {
    await writeFileAtomically(join(dir, 'a.txt'), 'one', { overwrite: false });
    await expect(writeFileAtomically(join(dir, 'a.txt'), 'two', { overwrite: true })).resolves.toBe(true);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('two');
  });

  it('lets exactly one of many racing writers win', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => writeFileAtomically(join(dir, 'a.txt'), `writer ${i}`, { overwrite: false })),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('fails without leaving anything when the directory is missing', async () => {
    await expect(writeFileAtomically(join(dir, 'missing', 'a.txt'), 'one', { overwrite: false })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
