import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from './write-file-atomically';

describe('writeFileAtomically', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sip-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the content with the requested mode and leaves no temp file', async () => {
    const path = join(dir, 'a.tiff');
    await writeFileAtomically(path, Buffer.from('II*\0'), 0o640);
    expect(readFileSync(path, 'latin1')).toBe('II*\0');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['a.tiff']);
  });

  it('replaces an earlier version whole', async () => {
    const path = join(dir, 'b.json');
    await writeFileAtomically(path, '{"v":1}', 0o600);
    await writeFileAtomically(path, '{"v":2}', 0o600);
    expect(readFileSync(path, 'utf8')).toBe('{"v":2}');
  });

  it('fails cleanly when the folder is missing', async () => {
    await expect(writeFileAtomically(join(dir, 'missing', 'c'), 'x', 0o600)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
