/** A text message as the API returns it (docs/api-reference.md, "The message object"). */
export interface Message {
  id: string;
  conversation_id: string;
  /** `outbound` (sent by us) or `inbound` (sent to us). */
  direction: string;
  /** `queued`, `sent`, `delivered`, `failed` for outbound; `received` for inbound. */
  status: string;
  /** PHI: never log it unmasked. */
  to: string | null;
  /** PHI: never log it unmasked. */
  from: string | null;
  /** The text. PHI: never log it. */
  body: string;
  error_code: string | null;
  error: string | null;
  /** The messaging instance that holds the message. */
  backend: string;
  created_at: string;
  updated_at: string;
}

/** A conversation (the thread with one number) as `GET /conversations` lists it. */
export interface Conversation {
  id: string;
  /** The other party. PHI: never log it unmasked. */
  peer: string;
  message_count: number;
  last_message: Message | null;
  updated_at: string;
  backend: string;
}

/** Paging of {@link FaxbotClient.listConversations}. */
export interface ListConversationsQuery {
  /** Page size, 1–100. */
  limit?: number;
  /** Where the previous page ended: its {@link ConversationPage.nextCursor}. */
  cursor?: string;
}

/** One page of conversations, most recently active first. */
export interface ConversationPage {
  items: Conversation[];
  /** Pass it as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
}
