import { isAbsolute } from 'node:path';
import type { ConfigValidationResult } from '@faxbot/plugin-sdk';
import type { SipAsteriskConfig } from './sip-asterisk-config';

/** Passwords the original Faxbot shipped as defaults: anyone who read its templates knows them. */
const WELL_KNOWN_PASSWORDS = new Set(['changeme']);

/**
 * Checks what the JSON Schema cannot: no well-known AMI password, an absolute fax folder, sane
 * timer relations. Pure: no network, no file system (the host also calls it on candidate settings).
 */
export function checkSipAsteriskConfig(config: SipAsteriskConfig): ConfigValidationResult {
  const errors: string[] = [];
  if (typeof config.amiPassword !== 'string' || config.amiPassword === '') {
    errors.push('config.amiPassword: required (set ASTERISK_AMI_PASSWORD)');
  } else if (WELL_KNOWN_PASSWORDS.has(config.amiPassword.trim().toLowerCase())) {
    errors.push('config.amiPassword: the well-known default is refused; set a strong secret in manager.conf and ASTERISK_AMI_PASSWORD');
  }
  if (config.faxDir !== '' && !isAbsolute(config.faxDir)) errors.push('config.faxDir: must be an absolute path (or empty for <dataDir>/fax)');
  if (config.reconnectMinMs > config.reconnectMaxMs) errors.push('config.reconnectMinMs: must not exceed reconnectMaxMs');
  if (config.keepaliveIntervalMs <= config.actionTimeoutMs) {
    errors.push('config.keepaliveIntervalMs: must be longer than actionTimeoutMs, or pings would overlap');
  }
  if (/[,\r\n]/.test(config.headerText)) errors.push('config.headerText: no commas or line breaks (they would split the AMI Variable header)');
  if (!/^[+0-9 ]*$/.test(config.stationId)) errors.push('config.stationId: digits, + and spaces only');
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
