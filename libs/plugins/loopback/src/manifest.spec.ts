import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileConfigSchema, validateManifest } from '@faxbot/plugin-sdk';
import { DEFAULT_LOOPBACK_CONFIG } from './loopback-config';

const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  main: string;
  faxbot: { entry: string; configSchema: Record<string, unknown> };
};
const schema = packageJson.faxbot.configSchema;
const properties = schema['properties'] as Record<string, Record<string, unknown>>;

describe('package.json faxbot manifest', () => {
  it('passes the SDK validation', () => {
    const result = validateManifest(packageJson.faxbot);
    expect(result).toEqual({ ok: true, manifest: expect.objectContaining({ id: 'loopback', kind: 'backend', categories: ['outbound'] }) });
  });

  it('points at the built entry', () => {
    expect(packageJson.faxbot.entry).toBe('./dist/index.js');
    expect(packageJson.main).toBe(packageJson.faxbot.entry);
  });

  it('declares the same defaults as the code', () => {
    expect(compileConfigSchema(schema).check({})).toEqual({ ok: true, config: { ...DEFAULT_LOOPBACK_CONFIG } });
  });

  it('maps every field to an environment variable and documents it', () => {
    expect(compileConfigSchema(schema).envFields).toEqual({
      outboxDir: 'LOOPBACK_OUTBOX_DIR',
      deliveryDelayMs: 'LOOPBACK_DELIVERY_DELAY_MS',
      slowLineDelayMs: 'LOOPBACK_SLOW_LINE_DELAY_MS',
      transientFailures: 'LOOPBACK_TRANSIENT_FAILURES',
    });
    for (const property of Object.values(properties)) {
      expect(property).toEqual(expect.objectContaining({ default: expect.anything(), description: expect.any(String) }));
    }
  });

  it.each([
    [{ extra: true }, 'unknown field "extra"'],
    [{ deliveryDelayMs: -1 }, 'config.deliveryDelayMs'],
    [{ transientFailures: 1.5 }, 'config.transientFailures'],
    [{ outboxDir: 7 }, 'config.outboxDir'],
  ])('makes the host refuse %j', (input, reason) => {
    const result = compileConfigSchema(schema).check(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(reason);
  });

  it('is described by the README: every variable and every test number', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const name of Object.values(compileConfigSchema(schema).envFields)) expect(readme).toContain(name);
    for (const suffix of ['0001', '0002', '0003', '0004', '0005']) expect(readme).toContain(`\`${suffix}\``);
  });
});
