export { maskPhoneNumber } from './masking/mask-phone-number';
export { scrubText } from './masking/scrub-text';
export { scrubValue } from './masking/scrub-value';
export { createLogger, type LoggerOptions, type Logger } from './logging/create-logger';
