import { fieldText, type FormPart } from './form-body.parser';
import { readPhaxioFax, type PhaxioFax } from './phaxio-fax';

/**
 * The Fax object a webhook carries: v2.1 sends it as JSON in the `fax` field; older webhook
 * versions sent `fax[id]`, `fax[status]`... or the object's fields at the top level.
 */
export function faxOfWebhook(parts: readonly FormPart[]): PhaxioFax | null {
  const json = fieldText(parts, 'fax');
  if (json !== null) {
    try {
      return readPhaxioFax(JSON.parse(json));
    } catch {
      return null;
    }
  }
  const flat: Record<string, string> = {};
  for (const part of parts) {
    if (part.fileName !== null) continue;
    const match = /^fax\[([a-z_]+)\]$/.exec(part.name);
    if (match !== null) flat[match[1] as string] = part.bytes.toString('utf8');
  }
  if (Object.keys(flat).length === 0) {
    for (const name of ['id', 'status', 'num_pages', 'direction', 'error_type', 'error_id', 'error_message', 'from_number', 'to_number', 'completed_at', 'created_at']) {
      const value = fieldText(parts, name);
      if (value !== null) flat[name] = value;
    }
  }
  return readPhaxioFax(flat);
}

/** The received document: the file part `file` (v2.1; v1 named it `filename`), or null. */
export function documentOfWebhook(parts: readonly FormPart[]): Buffer | null {
  const part = parts.find((candidate) => candidate.fileName !== null && (candidate.name === 'file' || candidate.name === 'filename'));
  return part === undefined || part.bytes.length === 0 ? null : part.bytes;
}

/** PDF or TIFF, by the file's first bytes; null when it is neither. */
export function documentTypeOf(bytes: Buffer): 'pdf' | 'tiff' | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  const head = bytes.subarray(0, 4).toString('latin1');
  return head === 'II*\0' || head === 'MM\0*' ? 'tiff' : null;
}
