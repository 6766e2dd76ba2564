import { parseBasicAuthorization, SinchTokenIssuer } from './sinch-token.issuer';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('parseBasicAuthorization', () => {
  it.each([
    [basic('id:se:cret'), { id: 'id', secret: 'se:cret' }],
    [basic('no-colon'), null],
    ['Bearer abc', null],
    [undefined, null],
  ])('parses %s', (header, expected) => {
    expect(parseBasicAuthorization(header)).toEqual(expected);
  });
});

describe('SinchTokenIssuer', () => {
  it('issues tokens that authenticate until revoked, and tells Basic from bearer', () => {
    const issuer = new SinchTokenIssuer('key', 'secret', () => 60);
    const { access_token: token } = issuer.issue();
    expect(issuer.authenticate(`Bearer ${token}`)).toBe('bearer');
    expect(issuer.authenticate(basic('key:secret'))).toBe('basic');
    expect(issuer.authenticate(basic('key:other'))).toBe('invalid');
    expect(issuer.authenticate('')).toBe('none');
    issuer.revokeAll();
    expect(issuer.authenticate(`Bearer ${token}`)).toBe('invalid');
    expect(issuer.tokensIssued).toBe(1);
    expect(issuer.issuedTokens()).toEqual([token]);
  });
});
