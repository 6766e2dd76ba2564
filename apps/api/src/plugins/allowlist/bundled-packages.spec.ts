import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { readBundledPackages } from '@faxbot/plugin-packages';

const API_DIR = join(__dirname, '..', '..', '..');

describe('readBundledPackages', () => {
  it('lists the API dependencies with their range and the real folder the API resolves', async () => {
    const bundled = await readBundledPackages(API_DIR);
    expect(bundled['@faxbot/plugin-loopback']).toEqual({
      range: '^0.1.0',
      dir: await realpath(join(API_DIR, '..', '..', 'libs', 'plugins', 'loopback')),
    });
    expect(Object.keys(bundled)).toContain('@faxbot/plugin-sdk');
  });
});
