import { FaxbotError, type FaxbotErrorCode } from '@faxbot/plugin-sdk';
import type { WireError } from './isolation-messages';

/**
 * Flattens what a plugin threw into a {@link WireError}. Only name, message and, for a
 * FaxbotError, code and retryable cross; causes and stacks stay in the child.
 */
export function toWireError(error: unknown): WireError {
  if (FaxbotError.is(error)) {
    return { name: error.name, message: error.message, code: error.code, retryable: error.retryable, isFaxbotError: true };
  }
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    const { name, message } = error as { name?: unknown; message: string };
    return { name: typeof name === 'string' ? name : 'Error', message, isFaxbotError: false };
  }
  return { name: 'Error', message: String(error), isFaxbotError: false };
}

/**
 * Rebuilds the error on the host: a real {@link FaxbotError} when the plugin threw one (so the
 * dispatcher reads its code and retryable flag), otherwise a plain Error, which the dispatcher
 * treats as "outcome unknown".
 */
export function fromWireError(wire: WireError): Error {
  if (wire.isFaxbotError && typeof wire.code === 'string') {
    return new FaxbotError(wire.code as FaxbotErrorCode, wire.message, { retryable: wire.retryable === true });
  }
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}
