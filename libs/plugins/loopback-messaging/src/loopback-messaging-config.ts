/**
 * Configuration of one loopback messaging line. The host fills in the manifest's defaults, so
 * every field is present by the time the plugin sees it. A type alias so it fits the SDK's
 * `Record<string, unknown>` config slot.
 */
export type LoopbackMessagingConfig = {
  /** Milliseconds from acceptance until a message is delivered (or failed). */
  deliveryDelayMs: number;
  /** Secret the test webhooks require in `X-Loopback-Secret`; `''` turns them off. */
  webhookSecret: string;
};

/** The defaults declared in `package.json` (`faxbot.configSchema`); a spec keeps the two equal. */
export const DEFAULT_LOOPBACK_MESSAGING_CONFIG: Readonly<LoopbackMessagingConfig> = Object.freeze({
  deliveryDelayMs: 1000,
  webhookSecret: '',
});
