import { callbackUrlWithCredentials } from './callback-url';

describe('callbackUrlWithCredentials', () => {
  it('embeds the credentials, percent-encoding what userinfo cannot hold', () => {
    const url = callbackUrlWithCredentials('https://fax.example.com/webhooks/sinch/status', 'sinch', 'p@ss/w:rd');
    expect(url).toBe('https://sinch:p%40ss%2Fw%3Ard@fax.example.com/webhooks/sinch/status');
    const parsed = new URL(url);
    expect([decodeURIComponent(parsed.username), decodeURIComponent(parsed.password)]).toEqual(['sinch', 'p@ss/w:rd']);
  });

  it('leaves the URL alone without credentials', () => {
    expect(callbackUrlWithCredentials('https://fax.example.com/webhooks/sinch/status', '', '')).toBe('https://fax.example.com/webhooks/sinch/status');
  });
});
