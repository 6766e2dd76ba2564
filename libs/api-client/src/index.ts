export {
  createFaxbotClient,
  type DownloadOptions,
  type FaxbotClient,
  type FaxbotClientOptions,
  type FaxDocument,
  type ListInboundOptions,
  type RequestOptions,
  type SendFaxOptions,
} from './faxbot-client';
export { FaxbotApiError, codeForAnswer, codeForStatus, type FaxbotApiErrorCode } from './faxbot-api.error';
export { FINAL_FAX_STATUSES, type FaxJob, type FaxStatus, type PluginCapability, type CapabilitiesResponse, type HealthResponse } from './fax-job';
export type { InboundFax, InboundPage, InboundToken, ListInboundQuery } from './inbound-fax';
export type { MessagingClient, SendMessageOptions, ReplyOptions, ListConversationsOptions } from './messaging-calls';
export type { Message, Conversation, ConversationPage, ListConversationsQuery } from './message';
