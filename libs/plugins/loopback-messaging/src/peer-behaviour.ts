/** What the loopback line does with a message to a number, decided by its last four digits. */
export type PeerBehaviour = 'rejected' | 'undeliverable' | 'echo' | 'deliver';

/**
 * `…0001`: the number is refused at send; `…0004`: accepted, then `failed` (`UNDELIVERABLE`);
 * `…0009`: delivered, and the peer answers with the same text prefixed `echo: `; anything else:
 * delivered.
 */
export function peerBehaviour(number: string): PeerBehaviour {
  const digits = number.replace(/\D/g, '');
  if (digits.endsWith('0001')) return 'rejected';
  if (digits.endsWith('0004')) return 'undeliverable';
  if (digits.endsWith('0009')) return 'echo';
  return 'deliver';
}
