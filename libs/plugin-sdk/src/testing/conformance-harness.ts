import type { OutboundFaxPlugin } from '../contracts/outbound-fax-plugin';
import type { WebhookRequest } from '../contracts/webhook';

/** How a simulated send should fail. */
export type SimulatedSendFailure = 'server_error' | 'client_error' | 'timeout';

/** A request derived from a genuine webhook that the plugin must refuse. */
export interface ForgedWebhook {
  /** What was changed, for the test name, e.g. `signature removed`, `status field altered`. */
  name: string;
  request: WebhookRequest;
}

/** What a simulator saw for one fax the plugin sent, for checking the request was right. */
export interface SimulatedFax {
  /** Destination in E.164, as the provider received it. */
  to: string;
  /** Bytes of the document the provider received or fetched (0 when it got none). */
  documentBytes: number;
}

/**
 * One running provider simulator, as the conformance suite drives it. A plugin package implements
 * this over its simulator (real sockets, the provider's real wire format) in its own spec file.
 */
export interface ConformanceSimulator<TConfig> {
  /** A configuration that points the plugin at this simulator, as the host passes it (defaults filled in). */
  config: TConfig;
  /** Public base URL for `createTestDeps` (webhook URLs the plugin hands to the provider). */
  publicUrl: string;
  /** Destinations (E.164) with a known outcome. */
  numbers: {
    /** The line answers and the fax goes through. */
    delivered: string;
    /** The line fails (busy, no answer...): the fax ends `FAILED` with a reason. */
    failed: string;
    /** The fax stays in progress long enough to be cancelled. */
    slow: string;
  };
  /**
   * How the final status reaches the host besides polling `getStatus`: `webhook` (the provider
   * calls back; see {@link takeCallback}) or `push` (the plugin calls `deps.faxStatus.report`).
   */
  statusDelivery: 'webhook' | 'push';
  /** Makes the simulator answer the plugin's next send this way (`timeout`: never answer). */
  failNextSend(mode: SimulatedSendFailure): void;
  /**
   * For `webhook` providers: resolves with the final-status callback the simulator made for the
   * fax, as the host would hand it to `handleWebhook` (raw body, lower-case headers, public URL).
   */
  takeCallback?(providerSid: string, timeoutMs: number): Promise<WebhookRequest>;
  /**
   * A genuine webhook to test verification with. Defaults to the final-status callback of a
   * delivered fax; push providers give another one (e.g. an inbound delivery).
   */
  genuineWebhook?(): Promise<WebhookRequest>;
  /** Variants of `genuine` the plugin must refuse with 401 or 403 and no updates or received faxes. */
  forge(genuine: WebhookRequest): ForgedWebhook[];
  /** What the simulator received for `providerSid`, or null when it has no such fax. */
  receivedFax(providerSid: string): SimulatedFax | null;
  /** Values that must never appear in an error message or a log line (keys, passwords, tokens). */
  secrets: string[];
  close(): Promise<void>;
}

/**
 * What a plugin package gives {@link describeOutboundConformance}: how to make its plugin and how
 * to start a fresh simulator for it.
 */
export interface OutboundConformanceHarness<TConfig> {
  /** The manifest id, used for test deps and names. */
  pluginId: string;
  createPlugin(): OutboundFaxPlugin<TConfig>;
  startSimulator(): Promise<ConformanceSimulator<TConfig>>;
  /** Upper bound for one fax to reach its final status in the simulator; default 15 000 ms. */
  finalStatusTimeoutMs?: number;
}
