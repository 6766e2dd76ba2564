import { ConfigError } from '../config/config-error';
import { loadMcpConfig } from '../config/mcp-config';

describe('MCP_CAPABILITY_POLL_SECONDS', () => {
  it.each([
    [undefined, 15_000],
    ['30', 30_000],
    ['0.2', 200],
    ['0', 0],
  ])('%s polls every %i ms (0: off)', (value, ms) => {
    expect(loadMcpConfig([], value === undefined ? {} : { MCP_CAPABILITY_POLL_SECONDS: value }).capabilityPollMs).toBe(ms);
  });

  it.each(['-1', '0.05', '3601', 'often'])('refuses %s', (value) => {
    expect(() => loadMcpConfig([], { MCP_CAPABILITY_POLL_SECONDS: value })).toThrow(ConfigError);
  });
});
