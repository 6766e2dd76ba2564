import { describeOutboundConformance } from '@faxbot/plugin-sdk/testing';
import { createPlugin } from './index';
import { adaptAmiSimulator } from './sip-asterisk.test-helpers';

describeOutboundConformance({
  pluginId: 'sip',
  createPlugin,
  startSimulator: adaptAmiSimulator,
  finalStatusTimeoutMs: 15_000,
});
