import type { PluginFactory } from '@faxbot/plugin-sdk';
import { SinchPlugin } from './sinch.plugin';

export { SinchPlugin } from './sinch.plugin';
export { DEFAULT_SINCH_CONFIG, type SinchConfig } from './sinch-config';

/**
 * The manifest's entry point: the host calls it once per configured Sinch instance.
 *
 * @example
 * const plugin = createPlugin();
 * await plugin.validateConfig({ ...DEFAULT_SINCH_CONFIG, projectId: 'p', apiKey: 'k', apiSecret: 's' });
 */
export const createPlugin: PluginFactory<SinchPlugin> = () => new SinchPlugin();
