import { join } from 'node:path';
import { createMcpPluginHarness, type McpPluginHarness } from '@faxbot/mcp-plugin-sdk/testing';
import { createPlugin } from './fax-number.plugin';

const PACKAGE_DIR = join(__dirname, '..');

describe('the fax-number plugin, through the host checks', () => {
  let harness: McpPluginHarness;
  beforeAll(async () => {
    harness = await createMcpPluginHarness({ packageDir: PACKAGE_DIR, createPlugin, config: { defaultCountryCode: '1' } });
  });
  afterAll(() => harness.stop());

  it('declares normalize, check and format in its static manifest', () => {
    expect(harness.manifest.tools.map((tool) => tool.name)).toEqual(['normalize', 'check', 'format']);
  });

  it.each([
    ['normalize', { number: '(555) 234-5678' }, { e164: '+15552345678', countryCode: '1', nationalNumber: '5552345678' }],
    ['normalize', { number: '020 7946 0018', defaultCountryCode: '44' }, { e164: '+442079460018', countryCode: '44', nationalNumber: '2079460018' }],
    ['check', { number: '+1 555 234 5678' }, { valid: true, e164: '+15552345678', problems: [] }],
    ['format', { number: '5552345678' }, { formatted: '+1 555 234 5678', e164: '+15552345678' }],
    ['format', { number: '5552345678', style: 'masked' }, { formatted: '***5678', e164: '+15552345678' }],
  ])('%s %j', async (tool, args, result) => {
    expect(await harness.callTool(tool, args)).toEqual({ ok: true, result });
  });

  it('explains an invalid number through check, never failing', async () => {
    const reply = await harness.callTool('check', { number: '+1 055 123 4567 ext 4' });
    expect(reply).toEqual({ ok: true, result: { valid: false, e164: null, problems: [{ code: 'HAS_EXTENSION', message: expect.stringContaining('extension') }] } });
  });

  it('refuses an invalid number in normalize with the explanation', async () => {
    expect(await harness.callTool('normalize', { number: '+1 555 023 4567' })).toEqual({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining('exchange') });
  });

  it.each([
    ['a missing number', 'normalize', {}],
    ['an unknown style', 'format', { number: '+15552345678', style: 'fancy' }],
    ['a malformed country code', 'check', { number: '5552345678', defaultCountryCode: '+1' }],
  ])('refuses %s before the plugin runs', async (_label, tool, args) => {
    expect(await harness.callTool(tool, args)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });

  it('refuses national numbers when no default country code is configured', async () => {
    const strict = await createMcpPluginHarness({ packageDir: PACKAGE_DIR, createPlugin });
    expect(await strict.callTool('normalize', { number: '555 123 4567' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining('no country code') });
  });

  it('logs nothing, so no number reaches a log', async () => {
    await harness.callTool('normalize', { number: '+15552345678' });
    expect(harness.logs).toEqual([]);
  });
});
