import type { PluginFactory } from '@faxbot/plugin-sdk';
import { SipAsteriskPlugin } from './sip-asterisk.plugin';

export { SipAsteriskPlugin } from './sip-asterisk.plugin';
export { DEFAULT_SIP_ASTERISK_CONFIG, type SipAsteriskConfig } from './sip-asterisk-config';
export { FAX_RESULT_FIELDS } from './call-outcome';
export { INBOUND_PAYLOAD_FIELDS } from './inbound/inbound-payload';

/**
 * The manifest's entry point: the host calls it once per configured `sip` instance.
 *
 * @example
 * const plugin = createPlugin();
 * await plugin.start({ ...DEFAULT_SIP_ASTERISK_CONFIG, amiPassword: '<AMI_PASSWORD>' }, deps);
 */
export const createPlugin: PluginFactory<SipAsteriskPlugin> = () => new SipAsteriskPlugin();
