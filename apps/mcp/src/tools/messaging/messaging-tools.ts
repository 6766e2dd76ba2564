import type { MessagingClient } from '@faxbot/api-client';
import type { CapabilityTool } from '../../capabilities/capability-tools.binder';
import { createGetMessageStatusTool } from './get-message-status.tool';
import { createListConversationsTool } from './list-conversations.tool';
import { createReplyToConversationTool } from './reply-to-conversation.tool';
import { createSendMessageTool } from './send-message.tool';

/**
 * The messaging tools and the capability words each needs from the API's running plugins (the
 * SDK's `MESSAGING_CAPABILITIES` under the category `messaging`).
 */
export function createMessagingTools(deps: { client: MessagingClient }): CapabilityTool[] {
  return [
    { tool: createSendMessageTool(deps), requires: ['messaging/send_message'] },
    { tool: createGetMessageStatusTool(deps), requires: ['messaging/get_message_status'] },
    { tool: createListConversationsTool(deps), requires: ['messaging/list_conversations'] },
    { tool: createReplyToConversationTool(deps), requires: ['messaging/reply'] },
  ];
}
