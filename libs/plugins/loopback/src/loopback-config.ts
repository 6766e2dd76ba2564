/**
 * Configuration of one loopback line. The host fills in the defaults from the manifest's
 * `configSchema`, so every field is present by the time the plugin sees it.
 *
 * A type alias rather than an interface so it fits the SDK's `Record<string, unknown>` config slot.
 */
export type LoopbackConfig = {
  /** Absolute directory for accepted faxes; `''` means `<dataDir>/outbox`. */
  outboxDir: string;
  /** Milliseconds from acceptance until a fax reaches its final status. */
  deliveryDelayMs: number;
  /** Milliseconds a send to a slow-line number waits before the line accepts it. */
  slowLineDelayMs: number;
  /** Send attempts per job to a transient-failure number that fail before one succeeds. */
  transientFailures: number;
};

/**
 * The defaults declared in `package.json` (`faxbot.configSchema`); a spec keeps the two equal.
 * Applied again in `start()` so a host that skips schema defaults still gets a working line.
 */
export const DEFAULT_LOOPBACK_CONFIG: Readonly<LoopbackConfig> = Object.freeze({
  outboxDir: '',
  deliveryDelayMs: 2000,
  slowLineDelayMs: 5000,
  transientFailures: 2,
});
