import { describeOutboundConformance } from '@faxbot/plugin-sdk/testing';
import { sinchConformanceHarness } from './sinch-conformance.test-helpers';

describe('OAuth, document uploaded', () => {
  describeOutboundConformance(sinchConformanceHarness({ authMethod: 'oauth', documentDelivery: 'upload' }));
});

describe('Basic auth, document by content URL', () => {
  describeOutboundConformance(sinchConformanceHarness({ authMethod: 'basic', documentDelivery: 'content_url' }));
});
