/**
 * The host name of a Host header (`localhost:3001` → `localhost`, `[::1]:3001` → `[::1]`), lower
 * case, or `null` when the header is missing or malformed.
 */
export function hostNameOf(hostHeader: string | undefined): string | null {
  if (hostHeader === undefined || hostHeader === '' || /[\s/@?#]/.test(hostHeader)) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * DNS-rebinding protection: true when the Host header names one of the allowed host names (any
 * port). A page on `evil.example` that rebinds its name to 127.0.0.1 still sends
 * `Host: evil.example`, and is refused.
 */
export function isAllowedHost(hostHeader: string | undefined, allowedHosts: string[]): boolean {
  const name = hostNameOf(hostHeader);
  return name !== null && allowedHosts.includes(name);
}
