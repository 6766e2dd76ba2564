/**
 * Delay before reconnect attempt `failures` (1 = after the first failure): doubling from `minMs`,
 * capped at `maxMs`. No jitter: there is one gateway per Asterisk, not a herd.
 */
export function reconnectDelayMs(failures: number, minMs: number, maxMs: number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(maxMs, minMs * 2 ** exponent);
}
