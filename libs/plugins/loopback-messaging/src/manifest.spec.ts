import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileConfigSchema, MESSAGING_CAPABILITIES, validateManifest } from '@faxbot/plugin-sdk';
import { DEFAULT_LOOPBACK_MESSAGING_CONFIG } from './loopback-messaging-config';

const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  main: string;
  faxbot: { entry: string; capabilities: string[]; configSchema: Record<string, unknown> };
};
const schema = packageJson.faxbot.configSchema;

describe('package.json faxbot manifest', () => {
  it('passes the SDK validation as a messaging plugin', () => {
    expect(validateManifest(packageJson.faxbot)).toEqual({ ok: true, manifest: expect.objectContaining({ id: 'loopback-messaging', kind: 'backend', categories: ['messaging'] }) });
  });

  it('declares every messaging capability word of the SDK', () => {
    expect([...packageJson.faxbot.capabilities].sort()).toEqual(Object.values(MESSAGING_CAPABILITIES).sort());
  });

  it('points at the built entry', () => {
    expect(packageJson.faxbot.entry).toBe('./dist/index.js');
    expect(packageJson.main).toBe(packageJson.faxbot.entry);
  });

  it('declares the same defaults as the code, with the secret write-only', () => {
    const checker = compileConfigSchema(schema);
    expect(checker.check({})).toEqual({ ok: true, config: { ...DEFAULT_LOOPBACK_MESSAGING_CONFIG } });
    expect(checker.secretFields).toEqual(['webhookSecret']);
  });

  it.each([
    [{ extra: true }, 'unknown field "extra"'],
    [{ deliveryDelayMs: -1 }, 'config.deliveryDelayMs'],
    [{ webhookSecret: 5 }, 'config.webhookSecret'],
  ])('makes the host refuse %j', (input, reason) => {
    const result = compileConfigSchema(schema).check(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(reason);
  });

  it('is described by the README: every variable and every test number', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const name of Object.values(compileConfigSchema(schema).envFields)) expect(readme).toContain(name);
    for (const suffix of ['0001', '0004', '0009']) expect(readme).toContain(`\`${suffix}\``);
  });
});
