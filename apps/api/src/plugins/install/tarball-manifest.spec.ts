import { gzipSync } from 'node:zlib';
import { readPackageJsonFromTarball } from './tarball-manifest';
import type { PluginInstallError } from './plugin-install.error';

interface Entry {
  path: string;
  content: string;
  type?: string;
}

/** Writes a ustar archive; enough for the reader under test. */
function tar(entries: Entry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.content);
    const header = Buffer.alloc(512);
    header.write(entry.path.slice(0, 100), 0);
    header.write('0000644\0', 100);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write(entry.type ?? '0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    header.write('        ', 148);
    const sum = header.reduce((total, byte) => total + byte, 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

const pkg = (name: string): string => JSON.stringify({ name, version: '1.0.0' });
const pax = (path: string): string => {
  const body = ` path=${path}\n`;
  let length = body.length;
  while (`${length}${body}`.length !== length) length = `${length}${body}`.length;
  return `${length}${body}`;
};

describe('readPackageJsonFromTarball', () => {
  it.each([
    ['npm layout', [{ path: 'package/index.js', content: '' }, { path: 'package/package.json', content: pkg('a') }], 'a'],
    ['another top folder name', [{ path: 'node-v1/package.json', content: pkg('b') }], 'b'],
    ['a nested package.json is not the package', [{ path: 'package/package.json', content: pkg('c') }, { path: 'package/lib/package.json', content: pkg('nested') }], 'c'],
    ['the last top-level entry wins, as on extraction', [{ path: 'package/package.json', content: pkg('first') }, { path: 'other/package.json', content: pkg('last') }], 'last'],
    ['a pax header path', [{ path: 'x', content: pax('package/package.json'), type: 'x' }, { path: 'PaxHeader/pj', content: pkg('pax') }], 'pax'],
  ] as Array<[string, Entry[], string]>)('reads %s', (_case, entries, name) => {
    expect(readPackageJsonFromTarball(gzipSync(tar(entries)))['name']).toBe(name);
  });

  it.each([
    ['bytes that are not gzip', Buffer.from('plain text')],
    ['a tarball without package.json', gzipSync(tar([{ path: 'package/index.js', content: '' }]))],
    ['a package.json that is not JSON', gzipSync(tar([{ path: 'package/package.json', content: '{nope' }]))],
    ['a package.json that is an array', gzipSync(tar([{ path: 'package/package.json', content: '[]' }]))],
  ])('refuses %s with TARBALL_INVALID', (_case, bytes) => {
    expect(() => readPackageJsonFromTarball(bytes)).toThrow(expect.objectContaining<Partial<PluginInstallError>>({ code: 'TARBALL_INVALID' }));
  });

  it('refuses a tarball that unpacks beyond the limit', () => {
    const big = gzipSync(tar([{ path: 'package/package.json', content: pkg('a') }, { path: 'package/big', content: 'x'.repeat(100_000) }]));
    expect(() => readPackageJsonFromTarball(big, 10_000)).toThrow(expect.objectContaining<Partial<PluginInstallError>>({ code: 'TARBALL_INVALID' }));
  });
});
