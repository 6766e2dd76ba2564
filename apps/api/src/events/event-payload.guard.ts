import type { EventValue } from '@faxbot/plugin-sdk';
import { scrubText } from '@faxbot/audit';

// Keys that hold PHI or secrets are dropped whatever their value. Emitters are meant never to send
// them (the SDK refuses them in plugin events); this is the second line of defence.
const PHI_KEY = /^(to|from|fr|to_?number|from_?number|destination|dest|recipient|sender|phone(_?number)?|number|fax_?number|caller(_?id)?|callee|document|file_?name|content|body|raw_?body|text|data|payload|pdf|tiff|patient(_?name)?|email|name)$/i;
const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential|signature)/i;
// Identifiers are kept verbatim: a provider's numeric fax id must still correlate.
const ID_KEY = /(id|sid|key)$/i;
const MAX_STRING = 1000;

/** A payload after {@link guardEventPayload}, with the names of the keys it removed. */
export interface GuardedPayload {
  payload: Readonly<Record<string, EventValue>>;
  dropped: string[];
}

/**
 * Makes an event payload safe to hand to subscribers and the admin stream: keys named like PHI or
 * secrets and values that are not flat JSON (objects, arrays, functions, NaN) are dropped; strings
 * other than identifiers have phone-number-like digit runs masked; long strings are cut.
 *
 * @example
 * guardEventPayload({ jobId: 'j1', to: '+15551234567' }); // { payload: { jobId: 'j1' }, dropped: ['to'] }
 */
export function guardEventPayload(input: Record<string, unknown>): GuardedPayload {
  const payload: Record<string, EventValue> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (PHI_KEY.test(key) || SECRET_KEY.test(key)) dropped.push(key);
    else if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) payload[key] = value;
    else if (typeof value === 'string') payload[key] = (ID_KEY.test(key) ? value : scrubText(value)).slice(0, MAX_STRING);
    else dropped.push(key);
  }
  return { payload: Object.freeze(payload), dropped };
}
