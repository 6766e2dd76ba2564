import type { PluginFactory } from '@faxbot/plugin-sdk';
import { PhaxioPlugin } from './phaxio.plugin';

export { PhaxioPlugin } from './phaxio.plugin';
export { DEFAULT_PHAXIO_CONFIG, type PhaxioConfig, type PhaxioDocumentDelivery } from './phaxio-config';
export { PHAXIO_STATUS_MAP } from './phaxio-status';
export { computePhaxioSignature } from './phaxio-signature';

/**
 * The manifest's entry point: the host calls it once per configured Phaxio instance.
 *
 * @example
 * const plugin = createPlugin();
 * await plugin.start({ ...DEFAULT_PHAXIO_CONFIG, apiKey, apiSecret, webhookToken }, deps);
 */
export const createPlugin: PluginFactory<PhaxioPlugin> = () => new PhaxioPlugin();
