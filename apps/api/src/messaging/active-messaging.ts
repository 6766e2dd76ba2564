import type { MessagingPlugin } from '@faxbot/plugin-sdk';

/**
 * The messaging plugin instance requests go to, with each call counted as in flight on its
 * instance (so a restart lets it finish) and limited in time.
 */
export interface ActiveMessaging {
  instanceId: string;
  pluginId: string;
  sendMessage: MessagingPlugin['sendMessage'];
  getMessage: MessagingPlugin['getMessage'];
  /** Absent when the plugin does not list conversations. */
  listConversations?: NonNullable<MessagingPlugin['listConversations']>;
  /** Absent when the plugin cannot reply into a conversation. */
  replyToConversation?: NonNullable<MessagingPlugin['replyToConversation']>;
}
