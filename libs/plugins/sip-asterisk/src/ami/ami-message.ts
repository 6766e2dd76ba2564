/**
 * A response or event as received. Header names are lower-cased, because AMI treats them
 * case-insensitively (`ActionID`, `ActionId` and `actionid` are one header); a repeated header keeps
 * its last value.
 */
export type AmiMessage = Readonly<Record<string, string>>;

/** An action to send: ordered `[header, value]` pairs; a header may repeat (`Variable`). */
export type AmiAction = ReadonlyArray<readonly [name: string, value: string]>;

const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Formats an action for the wire (`Name: value` lines, CRLF, a blank line). Refuses values with
 * line breaks: one would end the block early and let the rest be read as another action.
 */
export function serializeAction(action: AmiAction): string {
  let text = '';
  for (const [name, value] of action) {
    if (!HEADER_NAME.test(name)) throw new Error(`AMI header name not allowed: ${name}`);
    if (/[\r\n\0]/.test(value)) throw new Error(`AMI header ${name} carries a line break`);
    text += `${name}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}

/** True for the answer to an action; events (even `OriginateResponse`, which has `Response`) are not. */
export function isResponse(message: AmiMessage): boolean {
  return message['response'] !== undefined && message['event'] === undefined;
}

/** True when an action's response reports success. */
export function isSuccess(message: AmiMessage): boolean {
  return (message['response'] ?? '').toLowerCase() === 'success';
}
