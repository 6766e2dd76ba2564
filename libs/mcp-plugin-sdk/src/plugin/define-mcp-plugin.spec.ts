import { McpPluginError } from '../errors/mcp-plugin-error';
import { defineMcpPlugin } from './define-mcp-plugin';

const signal = new AbortController().signal;
const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
const context = { pluginId: 'greeter', config: { greeting: 'Hello' }, logger, host: { apiVersion: 1, version: '0.1.0' } };

describe('defineMcpPlugin', () => {
  const createPlugin = defineMcpPlugin<{ greeting: string }>({
    start: ({ config }) => {
      if (config.greeting === '') throw new Error('empty greeting');
    },
    tools: { greet: (args, { config, pluginId }) => ({ text: `${config.greeting}, ${String(args['name'])}`, pluginId }) },
  });

  it('dispatches a call to the handler with the config from start', async () => {
    const plugin = createPlugin();
    await plugin.start?.(context);
    expect(await plugin.callTool('greet', { name: 'Ada' }, { signal })).toEqual({ text: 'Hello, Ada', pluginId: 'greeter' });
  });

  it('gives every factory call its own instance', async () => {
    const first = createPlugin();
    await first.start?.(context);
    await expect(createPlugin().callTool('greet', {}, { signal })).rejects.toMatchObject({ code: 'NOT_STARTED' });
  });

  it.each([['nope'], ['toString'], ['__proto__']])('refuses the undeclared tool %s with UNKNOWN_TOOL', async (name) => {
    const plugin = createPlugin();
    await plugin.start?.(context);
    await expect(plugin.callTool(name, {}, { signal })).rejects.toBeInstanceOf(McpPluginError);
    await expect(plugin.callTool(name, {}, { signal })).rejects.toMatchObject({ code: 'UNKNOWN_TOOL' });
  });

  it('lets start refuse a config by throwing', async () => {
    await expect(Promise.resolve(createPlugin().start?.({ ...context, config: { greeting: '' } }))).rejects.toThrow('empty greeting');
  });

  it('runs stop when given, and is fine without it', async () => {
    const stop = jest.fn();
    await defineMcpPlugin({ tools: {}, stop })().stop?.();
    await defineMcpPlugin({ tools: {} })().stop?.();
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
