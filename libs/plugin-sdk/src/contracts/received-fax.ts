/** A fax a provider delivered to us, as a plugin hands it to the host. PHI throughout: never log it. */
export interface ReceivedFax {
  /** The provider's id of the fax; the host keeps one fax per instance and id. */
  providerSid: string;
  /** Caller's number (E.164 when the provider knows it). */
  from: string | null;
  /** The number (DID) that received the fax; mailbox rules route on it. */
  to: string;
  pages: number | null;
  receivedAt: Date;
  /** The document, PDF or TIFF (a TIFF is converted to PDF by the host). */
  document: { type: 'pdf' | 'tiff'; bytes: Buffer };
}
