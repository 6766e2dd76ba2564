import { validateMcpPluginManifest } from './validate-mcp-plugin-manifest';

const TOOL = { name: 'echo', description: 'Echoes', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } };
const VALID = { manifestVersion: 1, id: 'echo-tools', kind: 'mcp', apiVersion: 1, entry: './dist/index.js', name: 'Echo', description: 'Echo tools', tools: [TOOL] };

describe('validateMcpPluginManifest', () => {
  it('accepts a complete manifest with annotations, output and config schemas, and x- extensions', () => {
    const manifest = {
      ...VALID,
      'x-team': 'ops',
      configSchema: { type: 'object', properties: { prefix: { type: 'string', default: '' } }, additionalProperties: false },
      tools: [{ ...TOOL, title: 'Echo', outputSchema: { type: 'object', properties: { text: { type: 'string' } } }, annotations: { readOnlyHint: true, openWorldHint: false } }],
    };
    expect(validateMcpPluginManifest(manifest)).toEqual({ ok: true, manifest });
  });

  it.each([
    ['not an object', 'mcp', 'faxbot: must be an object'],
    ['the backend kind', { ...VALID, kind: 'backend' }, 'faxbot.kind'],
    ['an id with capitals', { ...VALID, id: 'Echo' }, 'faxbot.id'],
    ['no tools', { ...VALID, tools: [] }, 'faxbot.tools'],
    ['a tool name with a dash', { ...VALID, tools: [{ ...TOOL, name: 'say-it' }] }, 'faxbot.tools.0.name'],
    ['a non-object input schema', { ...VALID, tools: [{ ...TOOL, inputSchema: { type: 'string' } }] }, 'faxbot.tools.0.inputSchema.type'],
    ['an unknown tool field', { ...VALID, tools: [{ ...TOOL, handler: 'x' }] }, 'unknown field "handler"'],
    ['an unknown annotation', { ...VALID, tools: [{ ...TOOL, annotations: { safe: true } }] }, 'unknown field "safe"'],
    ['a duplicate tool', { ...VALID, tools: [TOOL, TOOL] }, '"echo" is declared twice'],
    ['a misspelt keyword in an input schema', { ...VALID, tools: [{ ...TOOL, inputSchema: { type: 'object', requried: ['text'] } }] }, 'faxbot.tools.0.inputSchema: not a valid JSON Schema'],
    ['a broken output schema', { ...VALID, tools: [{ ...TOOL, outputSchema: { type: 'object', properties: { a: { type: 'strin' } } } }] }, 'faxbot.tools.0.outputSchema'],
    ['a broken config schema', { ...VALID, configSchema: { type: 'object', minProperties: 'two' } }, 'faxbot.configSchema'],
    ['a missing description', { ...VALID, description: undefined }, 'missing required field "description"'],
  ])('refuses %s', (_label, value, expected) => {
    const result = validateMcpPluginManifest(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors.join('\n')).toContain(expected);
  });
});
