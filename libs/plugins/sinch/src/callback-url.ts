/**
 * The callback URL handed to Sinch with each fax. With callback credentials configured they are
 * embedded as `https://user:pass@host/...`: Sinch sends them back as `Authorization: Basic` (and
 * masks them when the fax is read back through its API). The result holds a secret: never log it.
 */
export function callbackUrlWithCredentials(webhookUrl: string, user: string, pass: string): string {
  if (user === '' || pass === '') return webhookUrl;
  const url = new URL(webhookUrl);
  // The URL setters percent-encode what userinfo cannot hold; ":" in a user name is refused by config.
  url.username = user;
  url.password = pass;
  return url.toString();
}
