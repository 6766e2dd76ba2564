import { readFileSync } from 'node:fs';
import { header, headers, type AmiPairs } from './ami-wire';
import { countTiffPages, isTiff } from './tiff-file';

/** An `Originate` action the simulator accepted, with what it found in the fax file. */
export interface OriginateRequest {
  actionId: string;
  /** `ChannelId`, when the client chose the originated channel's unique id. */
  channelId: string | undefined;
  callerId: string | undefined;
  /** `Timeout` in milliseconds, when given. */
  timeoutMs: number | undefined;
  /** Every `Variable` assignment, merged over all `Variable` headers. */
  variables: Record<string, string>;
  jobId: string;
  dest: string;
  faxFile: string;
  /** Size of the fax file when the action arrived. */
  documentBytes: number;
  /** Pages of the fax file, counted from its TIFF directories. */
  pages: number;
}

/** Asterisk's `ast_true()`: the words it reads as yes. */
const TRUE_WORDS = new Set(['yes', 'true', 'y', 't', '1', 'on']);

/** Splits `Variable` headers the way Asterisk does: comma-separated `name=value` assignments. */
function parseVariables(values: string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const value of values) {
    for (const assignment of value.split(',')) {
      const equals = assignment.indexOf('=');
      if (equals > 0) variables[assignment.slice(0, equals).trim()] = assignment.slice(equals + 1).trim();
    }
  }
  return variables;
}

/**
 * Checks an `Originate` against the fax dialplan contract (`Local/s@faxout` into `faxout,s,1`,
 * asynchronous, with `JOBID`, `DEST` and a readable TIFF in `FAXFILE`). Real Asterisk would queue
 * a malformed originate and fail later in the dialplan; the simulator refuses it at once with the
 * reason, so a test sees the mistake.
 */
export function parseOriginate(pairs: AmiPairs): { ok: true; request: OriginateRequest } | { ok: false; message: string } {
  const channel = header(pairs, 'Channel');
  if (channel === undefined || channel === '') return { ok: false, message: 'Channel not specified' };
  if (channel !== 'Local/s@faxout') return { ok: false, message: 'Simulator: Channel must be Local/s@faxout' };
  if (header(pairs, 'Context') !== 'faxout' || header(pairs, 'Exten') !== 's' || header(pairs, 'Priority') !== '1') {
    return { ok: false, message: 'Simulator: expected Context faxout, Exten s, Priority 1' };
  }
  if (!TRUE_WORDS.has((header(pairs, 'Async') ?? '').toLowerCase())) return { ok: false, message: 'Simulator: Async must be true' };
  const timeout = header(pairs, 'Timeout');
  if (timeout !== undefined && !/^\d+$/.test(timeout)) return { ok: false, message: 'Invalid timeout' };
  const variables = parseVariables(headers(pairs, 'Variable'));
  const jobId = variables['JOBID'];
  const dest = variables['DEST'];
  const faxFile = variables['FAXFILE'];
  if (jobId === undefined || jobId === '' || dest === undefined || dest === '' || faxFile === undefined || faxFile === '') {
    return { ok: false, message: 'Simulator: Variable must set JOBID, DEST and FAXFILE' };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(faxFile);
  } catch {
    return { ok: false, message: 'Simulator: FAXFILE cannot be read' };
  }
  if (!isTiff(bytes)) return { ok: false, message: 'Simulator: FAXFILE is not a TIFF' };
  return {
    ok: true,
    request: {
      actionId: header(pairs, 'ActionID') ?? '',
      channelId: header(pairs, 'ChannelId'),
      callerId: header(pairs, 'CallerID'),
      timeoutMs: timeout === undefined ? undefined : Number(timeout),
      variables,
      jobId,
      dest,
      faxFile,
      documentBytes: bytes.length,
      pages: countTiffPages(bytes),
    },
  };
}
