import type { MessageDirection, MessageStatus } from '@faxbot/plugin-sdk';
import type { PeerBehaviour } from './peer-behaviour';

/** A message as the loopback line keeps it (JSON in the instance's encrypted storage). */
export interface StoredMessage {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  /** The peer's number (recipient of an outbound message, sender of an inbound one). PHI. */
  peer: string;
  /** PHI. */
  text: string;
  /** Epoch milliseconds of acceptance (outbound) or arrival (inbound). */
  createdAt: number;
  /** Outbound only: what the peer's number does. */
  behaviour?: PeerBehaviour;
  /** A status set through the test webhook; wins over the timed one. */
  forced?: { status: Extract<MessageStatus, 'delivered' | 'failed'>; at: number; errorCode?: string };
  /** Inbound echo only: the outbound message it answers. */
  answers?: string;
}

/** A conversation: the thread with one peer. */
export interface StoredConversation {
  id: string;
  /** PHI. */
  peer: string;
  createdAt: number;
}
