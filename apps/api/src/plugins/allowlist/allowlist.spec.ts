import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_ALLOWLIST, findAllowlistEntry } from '@faxbot/plugin-packages';
import { AllowlistError } from './allowlist.error';
import { loadAllowlist } from './allowlist';

const INTEGRITY = `sha512-${'A'.repeat(86)}==`;
const entry = { name: '@acme/faxbot-provider-sinch', version: '2.3.1', integrity: INTEGRITY, id: 'acme-sinch', kind: 'backend' };

describe('loadAllowlist', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faxbot-allowlist-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('treats a missing file as an empty allowlist', async () => {
    expect(await loadAllowlist(join(dir, 'absent.json'))).toEqual(EMPTY_ALLOWLIST);
  });

  it('reads the repository file', async () => {
    expect(await loadAllowlist(join(__dirname, '..', '..', '..', '..', '..', 'plugin-allowlist.json'))).toEqual({ version: 1, plugins: [] });
  });

  it('returns typed entries', async () => {
    const path = join(dir, 'ok.json');
    await writeFile(path, JSON.stringify({ version: 1, plugins: [entry] }));
    const allowlist = await loadAllowlist(path);
    expect(findAllowlistEntry(allowlist, entry.name, '2.3.1')).toEqual(entry);
    expect(findAllowlistEntry(allowlist, entry.name, '2.3.2')).toBeUndefined();
  });

  it.each([
    ['invalid JSON', '{ "version": 1, ', 'ALLOWLIST_INVALID', 'not valid JSON'],
    ['an invalid entry', JSON.stringify({ version: 1, plugins: [{ ...entry, version: '*' }] }), 'ALLOWLIST_INVALID', 'must be an exact version'],
  ])('fails loudly on %s, never silently empty', async (_case, content, code, reason) => {
    const path = join(dir, `${code}-${reason.length}.json`);
    await writeFile(path, content);
    const error = await loadAllowlist(path).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AllowlistError);
    expect(error).toMatchObject({ code, path });
    expect((error as AllowlistError).reasons.join('\n')).toContain(reason);
  });

  it('reports a path it cannot read as unreadable', async () => {
    await expect(loadAllowlist(dir)).rejects.toMatchObject({ code: 'ALLOWLIST_UNREADABLE' });
  });
});
