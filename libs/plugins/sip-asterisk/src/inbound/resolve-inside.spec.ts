import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveInside } from './resolve-inside';

describe('resolveInside', () => {
  const root = mkdtempSync(join(tmpdir(), 'sip-inside-'));
  const faxDir = join(root, 'fax');
  const outside = join(root, 'outside.tiff');
  mkdirSync(join(faxDir, 'inbound'), { recursive: true });
  writeFileSync(join(faxDir, 'inbound', 'a.tiff'), 'II*\0');
  writeFileSync(outside, 'II*\0');
  symlinkSync(outside, join(faxDir, 'escape.tiff'));
  symlinkSync(join(faxDir, 'inbound'), join(root, 'fax-link'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['an absolute path inside', join(faxDir, 'inbound', 'a.tiff')],
    ['a path relative to the folder', 'inbound/a.tiff'],
    ['a detour that stays inside', join(faxDir, 'inbound', '..', 'inbound', 'a.tiff')],
  ])('accepts %s', async (_name, candidate) => {
    await expect(resolveInside(faxDir, candidate)).resolves.toEqual({ ok: true, path: expect.stringMatching(/a\.tiff$/) });
  });

  it.each([
    ['a path outside', outside],
    ['a traversal', join(faxDir, '..', 'outside.tiff')],
    ['a relative traversal', '../outside.tiff'],
    ['a symlink pointing out', join(faxDir, 'escape.tiff')],
    ['the folder itself', faxDir],
    ['a link into the folder from outside it', join(root, 'fax-link', 'a.tiff')],
  ])('refuses %s as outside', async (_name, candidate) => {
    await expect(resolveInside(faxDir, candidate)).resolves.toEqual({ ok: false, reason: 'outside' });
  });

  it('reports a missing file inside as missing', async () => {
    await expect(resolveInside(faxDir, join(faxDir, 'nope.tiff'))).resolves.toEqual({ ok: false, reason: 'missing' });
  });
});
