import type { PluginFactory } from '@faxbot/plugin-sdk';
import { LoopbackPlugin } from './loopback.plugin';

export { LoopbackPlugin } from './loopback.plugin';
export { DEFAULT_LOOPBACK_CONFIG, type LoopbackConfig } from './loopback-config';
export type { AcceptanceRecord } from './acceptance-record';
export type { DestinationPattern } from './destination-pattern';

/**
 * The manifest's entry point: the host calls it once per configured loopback instance.
 *
 * @example
 * const plugin = createPlugin();
 * await plugin.start({ outboxDir: '', deliveryDelayMs: 2000, slowLineDelayMs: 5000, transientFailures: 2 }, deps);
 */
export const createPlugin: PluginFactory<LoopbackPlugin> = () => new LoopbackPlugin();
