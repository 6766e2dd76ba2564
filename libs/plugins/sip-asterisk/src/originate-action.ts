import type { AmiAction } from './ami/ami-message';

/** What one fax call needs. */
export interface OriginateInput {
  /** ActionID and ChannelId of the call (see `newCallId`). */
  callId: string;
  jobId: string;
  /** Destination exactly as the host gave it (E.164 with `+`): the original passed it unchanged. */
  dest: string;
  /** Absolute path of the TIFF, readable by Asterisk. */
  faxFile: string;
  stationId: string;
  headerText: string;
  originateTimeoutMs: number;
}

/**
 * The `Originate` action of one fax, exactly as the original Faxbot sent it so existing dialplans
 * keep working: `Local/s@faxout` into `faxout,s,1`, asynchronous, with
 * `Variable: JOBID=…,DEST=…,FAXFILE=…` and the station id as CallerID. Additions the dialplan may
 * ignore: `ActionID` and `ChannelId` (the call id, to correlate events and hang up), `Timeout`, and
 * a second `Variable` header with `FAXHEADER` and `LOCALSTATIONID` for the example dialplan.
 */
export function originateAction(input: OriginateInput): AmiAction {
  const action: Array<[string, string]> = [
    ['Action', 'Originate'],
    ['ActionID', input.callId],
    ['Channel', 'Local/s@faxout'],
    ['Context', 'faxout'],
    ['Exten', 's'],
    ['Priority', '1'],
    ['Async', 'true'],
    ['ChannelId', input.callId],
    ['Timeout', String(input.originateTimeoutMs)],
    ['Variable', `JOBID=${input.jobId},DEST=${input.dest},FAXFILE=${input.faxFile}`],
  ];
  const extra = [
    ...(input.headerText === '' ? [] : [`FAXHEADER=${input.headerText}`]),
    ...(input.stationId === '' ? [] : [`LOCALSTATIONID=${input.stationId}`]),
  ];
  if (extra.length > 0) action.push(['Variable', extra.join(',')]);
  if (input.stationId !== '') action.push(['CallerID', input.stationId]);
  return action;
}
