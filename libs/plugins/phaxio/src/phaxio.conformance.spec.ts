import { describeOutboundConformance } from '@faxbot/plugin-sdk/testing';
import { phaxioConformanceHarness } from './phaxio.test-helpers';

// The SDK's suite, once per way of handing Phaxio the document.
describe('documents uploaded', () => {
  describeOutboundConformance(phaxioConformanceHarness({ documentDelivery: 'upload' }));
});

describe('documents fetched by Phaxio from content_url', () => {
  describeOutboundConformance(phaxioConformanceHarness({ documentDelivery: 'content_url' }));
});
