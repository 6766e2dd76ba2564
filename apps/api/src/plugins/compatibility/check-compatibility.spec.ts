import { checkCompatibility, type CompatibilityInput } from './check-compatibility';

const base: CompatibilityInput = {
  manifest: { apiVersion: 1 },
  packageJson: { peerDependencies: { '@faxbot/plugin-sdk': '^0.1.0' }, engines: { node: '>=20.19' } },
  hostSdkVersion: '0.1.3',
  supportedApiVersions: [1],
  nodeVersion: 'v20.19.1',
};

describe('checkCompatibility', () => {
  it.each([
    ['the reference shape', {}],
    ['no engines field', { packageJson: { peerDependencies: { '@faxbot/plugin-sdk': '^0.1.0' } } }],
    ['a host supporting two API versions', { manifest: { apiVersion: 2 }, supportedApiVersions: [1, 2] }],
    ['a wide peer range', { packageJson: { peerDependencies: { '@faxbot/plugin-sdk': '>=0.1.0 <2' } }, hostSdkVersion: '1.4.0' }],
    ['the SDK also in devDependencies (build only)', { packageJson: { peerDependencies: { '@faxbot/plugin-sdk': '^0.1.0' }, devDependencies: { '@faxbot/plugin-sdk': '^0.1.0' } } }],
  ] as Array<[string, Partial<CompatibilityInput>]>)('accepts %s', (_case, overrides) => {
    expect(checkCompatibility({ ...base, ...overrides })).toEqual({ ok: true });
  });

  it.each([
    ['an unsupported apiVersion', { manifest: { apiVersion: 2 } }, ['apiVersion 2 is not supported (host supports 1)']],
    ['a missing SDK peer', { packageJson: {} }, ['@faxbot/plugin-sdk is not a peer dependency (declare "peerDependencies": { "@faxbot/plugin-sdk": "^<version>" })']],
    ['a peer range the host SDK misses', { hostSdkVersion: '0.2.0' }, ['needs @faxbot/plugin-sdk@^0.1.0, host provides 0.2.0']],
    ['a peer range that is not semver', { packageJson: { peerDependencies: { '@faxbot/plugin-sdk': 'github:x/y' } } }, ['peer range @faxbot/plugin-sdk@"github:x/y" is not a valid semver range']],
    [
      'the SDK as a regular dependency',
      { packageJson: { peerDependencies: { '@faxbot/plugin-sdk': '^0.1.0' }, dependencies: { '@faxbot/plugin-sdk': '^0.1.0' } } },
      ["@faxbot/plugin-sdk is listed in dependencies; it must be a peer dependency only (a second copy would not share the host's tokens)"],
    ],
    [
      'the SDK as an optional dependency',
      { packageJson: { peerDependencies: { '@faxbot/plugin-sdk': '^0.1.0' }, optionalDependencies: { '@faxbot/plugin-sdk': '^0.1.0' } } },
      ["@faxbot/plugin-sdk is listed in optionalDependencies; it must be a peer dependency only (a second copy would not share the host's tokens)"],
    ],
    ['a Node the plugin does not support', { nodeVersion: 'v18.20.0' }, ['engines.node requires >=20.19, host runs Node v18.20.0']],
    ['an engines.node that is not semver', { packageJson: { peerDependencies: { '@faxbot/plugin-sdk': '^0.1.0' }, engines: { node: 'latest' } } }, ['engines.node "latest" is not a valid semver range']],
    [
      'several problems at once',
      { manifest: { apiVersion: 3 }, packageJson: { dependencies: { '@faxbot/plugin-sdk': '0.1.0' } } },
      [
        'apiVersion 3 is not supported (host supports 1)',
        '@faxbot/plugin-sdk is not a peer dependency (declare "peerDependencies": { "@faxbot/plugin-sdk": "^<version>" })',
        "@faxbot/plugin-sdk is listed in dependencies; it must be a peer dependency only (a second copy would not share the host's tokens)",
      ],
    ],
  ] as Array<[string, Partial<CompatibilityInput>, string[]]>)('refuses %s', (_case, overrides, reasons) => {
    expect(checkCompatibility({ ...base, ...overrides })).toEqual({ ok: false, reasons });
  });
});
