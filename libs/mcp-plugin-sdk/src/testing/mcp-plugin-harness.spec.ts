import { McpPluginError } from '../errors/mcp-plugin-error';
import { defineMcpPlugin } from '../plugin/define-mcp-plugin';
import { createMcpPluginHarness } from './mcp-plugin-harness';

const manifest = {
  manifestVersion: 1,
  id: 'counter',
  kind: 'mcp',
  apiVersion: 1,
  entry: './index.js',
  name: 'Counter',
  description: 'Counts letters',
  configSchema: { type: 'object', additionalProperties: false, properties: { upper: { type: 'boolean', default: false } } },
  tools: [
    { name: 'count', description: 'Counts', inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } }, outputSchema: { type: 'object', required: ['length'], properties: { length: { type: 'integer' } } } },
    { name: 'refuse', description: 'Refuses', inputSchema: { type: 'object' } },
    { name: 'crash', description: 'Throws', inputSchema: { type: 'object' } },
    { name: 'wrong', description: 'Breaks its output schema', inputSchema: { type: 'object' }, outputSchema: { type: 'object', required: ['length'] } },
    { name: 'scalar', description: 'Returns a number', inputSchema: { type: 'object' } },
  ],
};

const createPlugin = defineMcpPlugin<{ upper: boolean }>({
  start: ({ logger, config }) => logger.info('started', { upper: config.upper }),
  tools: {
    count: (args) => ({ length: String(args['text']).length }),
    refuse: () => {
      throw new McpPluginError('INVALID_ARGUMENT', 'say it differently');
    },
    crash: () => {
      throw new TypeError('boom with a secret inside');
    },
    wrong: () => ({ size: 1 }),
    scalar: () => 3 as unknown as Record<string, unknown>,
  },
});

describe('createMcpPluginHarness', () => {
  it('starts the plugin with the config, defaults filled in, and records its log lines', async () => {
    const harness = await createMcpPluginHarness({ manifest, createPlugin });
    expect(harness.logs).toEqual([{ level: 'info', message: 'started', fields: { upper: false } }]);
    expect(harness.manifest.id).toBe('counter');
    await harness.stop();
  });

  it.each([
    ['a valid call', 'count', { text: 'abc' }, { ok: true, result: { length: 3 } }],
    ['arguments failing the inputSchema', 'count', {}, { ok: false, code: 'INVALID_ARGUMENT', errors: ['args: missing required field "text"'] }],
    ['a tool the manifest does not declare', 'missing', {}, { ok: false, code: 'UNKNOWN_TOOL' }],
    ['an McpPluginError', 'refuse', {}, { ok: false, code: 'INVALID_ARGUMENT', message: 'say it differently' }],
    ['any other throw', 'crash', {}, { ok: false, code: 'FAILED', message: 'the tool threw TypeError' }],
    ['a result failing the outputSchema', 'wrong', {}, { ok: false, code: 'FAILED', errors: ['result: missing required field "length"'] }],
    ['a result that is not an object', 'scalar', {}, { ok: false, code: 'FAILED' }],
  ])('reports %s like the host would', async (_label, tool, args, expected) => {
    const harness = await createMcpPluginHarness({ manifest, createPlugin });
    expect(await harness.callTool(tool, args)).toMatchObject(expected);
  });

  it('refuses a config that does not match the configSchema', async () => {
    await expect(createMcpPluginHarness({ manifest, createPlugin, config: { upper: 'yes' } })).rejects.toThrow('config.upper: must be boolean');
  });

  it('refuses an invalid manifest object', async () => {
    await expect(createMcpPluginHarness({ manifest: { ...manifest, tools: [] }, createPlugin })).rejects.toThrow('invalid MCP plugin manifest');
  });

  it('refuses a package folder without a valid manifest', async () => {
    await expect(createMcpPluginHarness({ packageDir: __dirname, createPlugin })).rejects.toThrow('invalid MCP plugin manifest');
  });
});
