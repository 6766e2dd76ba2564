import { FaxbotError } from '@faxbot/plugin-sdk';
import { createEgressPolicy } from './egress-policy';

describe('createEgressPolicy', () => {
  const policy = createEgressPolicy(['api.example.com', '*.fax.example.com', 'pinned.example.com:8443', '127.0.0.1']);

  it.each([
    ['https://api.example.com/v1', true],
    ['http://api.example.com:8080/v1', true],
    ['https://API.Example.COM/v1', true],
    ['https://api.example.com./v1', true],
    ['https://eu.fax.example.com/v1', true],
    ['https://a.b.fax.example.com/v1', true],
    ['https://fax.example.com/v1', false],
    ['https://evilfax.example.com/v1', false],
    ['https://api.example.com.evil.test/v1', false],
    ['https://example.com/v1', false],
    ['https://pinned.example.com:8443/v1', true],
    ['https://pinned.example.com/v1', false],
    ['http://127.0.0.1:9000/', true],
    ['http://[::1]:9000/', false],
    ['wss://eu.fax.example.com/socket', true],
  ])('%s → %s', (url, allowed) => {
    expect(policy.allows(new URL(url))).toBe(allowed);
  });

  it('counts default ports against a host:port entry', () => {
    const https443 = createEgressPolicy(['api.example.com:443']);
    expect(https443.allows(new URL('https://api.example.com/'))).toBe(true);
    expect(https443.allows(new URL('wss://api.example.com/'))).toBe(true);
    expect(https443.allows(new URL('http://api.example.com/'))).toBe(false);
  });

  it('refuses everything when nothing is declared', () => {
    expect(createEgressPolicy([]).allows(new URL('https://api.example.com/'))).toBe(false);
  });

  it.each([['http://api.example.com'], ['*'], ['*.'], ['api.example.com/v1'], ['api.*.example.com'], ['api.example.com:99999'], ['']])(
    'rejects the entry %j with CONFIG_INVALID',
    (entry) => {
      let thrown: unknown;
      try {
        createEgressPolicy([entry]);
      } catch (error) {
        thrown = error;
      }
      expect(FaxbotError.is(thrown) && thrown.code).toBe('CONFIG_INVALID');
    },
  );

  it('reports the host and port a URL targets', () => {
    expect(policy.target(new URL('https://API.example.com./x'))).toEqual({ host: 'api.example.com', port: 443 });
    expect(policy.target(new URL('http://api.example.com:81/x'))).toEqual({ host: 'api.example.com', port: 81 });
  });
});
