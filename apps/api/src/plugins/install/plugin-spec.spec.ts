import { parsePluginSpec } from './plugin-spec';
import type { PluginInstallError } from './plugin-install.error';

describe('parsePluginSpec', () => {
  it.each([
    ['faxbot-plugin-acme@1.2.3', { name: 'faxbot-plugin-acme', version: '1.2.3' }],
    ['@acme/faxbot-plugin@2.0.0-rc.1', { name: '@acme/faxbot-plugin', version: '2.0.0-rc.1' }],
  ])('reads %s', (spec, expected) => {
    expect(parsePluginSpec(spec)).toEqual(expected);
  });

  it.each(['faxbot-plugin-acme', '@acme/faxbot-plugin', 'x@latest', 'x@^1.2.3', 'x@1.2', 'x@v1.2.3', 'Bad Name@1.0.0', '@1.0.0', '../evil@1.0.0'])(
    'refuses %s with INVALID_SPEC',
    (spec) => {
      expect(() => parsePluginSpec(spec)).toThrow(expect.objectContaining<Partial<PluginInstallError>>({ code: 'INVALID_SPEC' }));
    },
  );
});
