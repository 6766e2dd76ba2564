import { CORE_EVENT_TYPES } from '../contracts/event-catalogue';

/** First segments of core event names; no plugin may emit under them, whatever its id. */
const RESERVED_NAMESPACES = new Set(CORE_EVENT_TYPES.map((type) => type.split('.')[0] as string));

const NAME = /^[a-z0-9][a-zA-Z0-9_.:-]{0,99}$/;
const MAX_KEYS = 32;
const MAX_STRING = 1000;

// Keys that usually hold PHI or secrets. The host drops such keys again (defence in depth); refusing
// them here tells the plugin author at once, in their own tests.
const PHI_KEY = /^(to|from|fr|to_?number|from_?number|destination|dest|recipient|sender|phone(_?number)?|number|fax_?number|caller(_?id)?|callee|document|file_?name|content|body|raw_?body|text|data|payload|pdf|tiff|patient(_?name)?|email|name)$/i;
const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential|signature)/i;

/**
 * Checks a plugin's own event before it is emitted: the name must be `<pluginId>.<name>` (not a
 * core namespace such as `job` or `fax`), and the payload a flat object of at most 32 keys whose
 * values are strings (≤ 1000 characters), finite numbers, booleans or null, with no key named like
 * PHI or a secret. Returns the problem as a sentence, or null when the event may be emitted.
 * The host and `createTestDeps` apply the same check.
 *
 * @example
 * checkCustomEvent('acme', 'acme.callback_verified', { providerSid: 'f-1' }); // null
 * checkCustomEvent('acme', 'job.completed', {}); // 'plugin "acme" may only emit events named "acme.<name>"'
 */
export function checkCustomEvent(pluginId: string, type: unknown, payload: unknown): string | null {
  const prefix = `${pluginId}.`;
  if (typeof type !== 'string' || !type.startsWith(prefix) || !NAME.test(type.slice(prefix.length))) {
    return `plugin "${pluginId}" may only emit events named "${pluginId}.<name>" (letters, digits, _ . : -; at most 100 characters)`;
  }
  if (RESERVED_NAMESPACES.has(pluginId)) return `"${pluginId}" is a core event namespace: a plugin with this id cannot emit events`;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'an event payload must be a plain object';
  const entries = Object.entries(payload);
  if (entries.length > MAX_KEYS) return `an event payload has at most ${MAX_KEYS} keys`;
  for (const [key, value] of entries) {
    if (PHI_KEY.test(key) || SECRET_KEY.test(key)) return `payload key "${key}" looks like PHI or a secret: events carry ids and non-PHI metadata only`;
    if (value === null || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    if (typeof value === 'string' && value.length <= MAX_STRING) continue;
    return `payload key "${key}" must be a string (at most ${MAX_STRING} characters), a finite number, a boolean or null`;
  }
  return null;
}
