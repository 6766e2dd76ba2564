import { FaxbotError, type TransportErrorCode } from '@faxbot/plugin-sdk';

/**
 * Builds the `FaxbotError` a transport throws. Typing `code` as the SDK's `TransportErrorCode`
 * (declared apart from `FaxbotErrorCode`) makes the compiler check that both lists stay in step.
 */
export function transportError(code: TransportErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}): FaxbotError {
  return new FaxbotError(code, message, options);
}
