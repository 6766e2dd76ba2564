import { isMcpPluginError, McpPluginError } from './mcp-plugin-error';

describe('McpPluginError', () => {
  it('keeps its code and cause', () => {
    const cause = new Error('inner');
    const error = new McpPluginError('INVALID_ARGUMENT', 'bad', { cause });
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'bad', name: 'McpPluginError', cause });
  });

  it('is recognised from another copy of the SDK through the registry symbol', () => {
    const foreign = Object.assign(new Error('x'), { code: 'FAILED', [Symbol.for('faxbot.McpPluginError')]: true });
    expect(isMcpPluginError(foreign)).toBe(true);
  });

  it.each([[new Error('plain')], [{ code: 'FAILED', message: 'x' }], ['FAILED'], [null]])('does not mistake %p for one', (value) => {
    expect(isMcpPluginError(value)).toBe(false);
  });
});
