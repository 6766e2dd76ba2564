import { hostNameOf, isAllowedHost } from './host-header.validator';

const ALLOWED = ['localhost', '127.0.0.1', '[::1]', 'mcp.example.com'];

describe('isAllowedHost', () => {
  it.each(['localhost', 'localhost:3001', '127.0.0.1:3001', '[::1]:3001', 'MCP.example.com', 'mcp.example.com:443'])('allows %s', (host) => {
    expect(isAllowedHost(host, ALLOWED)).toBe(true);
  });

  it.each([undefined, '', 'evil.example', 'localhost.evil.example', 'mcp.example.com.evil.example', 'user@localhost', 'localhost/x', 'a b', '127.0.0.2'])('refuses %s', (host) => {
    expect(isAllowedHost(host, ALLOWED)).toBe(false);
  });

  it('reduces a Host header to its lower-case host name', () => {
    expect([hostNameOf('LocalHost:80'), hostNameOf('[::1]:1'), hostNameOf(':::')]).toEqual(['localhost', '[::1]', null]);
  });
});
