import { isSafeLabelValue, pluginMetricPrefix } from './metric-naming';

describe('isSafeLabelValue', () => {
  it.each<[unknown, boolean]>([
    ['ok', true],
    ['', true],
    ['123456', true],
    ['1234567', false],
    ['+1 555 0100', false],
    ['a1b2c3d4e5f6g', true],
    ['a1b2c3d4e5f6g7', false],
    ['x'.repeat(100), true],
    ['x'.repeat(101), false],
    ['tab\there', false],
    ['del\u007f', false],
    ['ünïcödé ✓', true],
    [7, false],
    [null, false],
  ])('%j → %s', (value, safe) => {
    expect(isSafeLabelValue(value)).toBe(safe);
  });
});

describe('pluginMetricPrefix', () => {
  it('maps dashes to underscores', () => {
    expect(pluginMetricPrefix('acme-fax-2')).toBe('faxbot_plugin_acme_fax_2_');
  });
});
