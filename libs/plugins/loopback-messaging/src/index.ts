import type { PluginFactory } from '@faxbot/plugin-sdk';
import { LoopbackMessagingPlugin } from './loopback-messaging.plugin';

export { LoopbackMessagingPlugin } from './loopback-messaging.plugin';
export { DEFAULT_LOOPBACK_MESSAGING_CONFIG, type LoopbackMessagingConfig } from './loopback-messaging-config';
export type { PeerBehaviour } from './peer-behaviour';

/**
 * The manifest's entry point: the host calls it once per configured instance.
 *
 * @example
 * const plugin = createPlugin();
 * await plugin.start({ deliveryDelayMs: 1000, webhookSecret: '' }, deps);
 * const message = await plugin.sendMessage({ to: '+15551230000', text: 'Hello', idempotencyKey: 'k-1' });
 */
export const createPlugin: PluginFactory<LoopbackMessagingPlugin> = () => new LoopbackMessagingPlugin();
