/** Status words of a Sinch Fax API v3 fax. */
export type SinchFaxStatus = 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILURE';

/** Sinch's `errorType` of a failed fax. */
export type SinchErrorType = 'DOCUMENT_CONVERSION_ERROR' | 'CALL_ERROR' | 'FAX_ERROR' | 'FATAL_ERROR' | 'GENERAL_ERROR' | 'LINE_ERROR';

/** A failure as Sinch reports it on the Fax object. */
export interface SinchFailure {
  errorType: SinchErrorType;
  errorCode: number;
  errorMessage: string;
}

/** One fax the simulator knows, sent by a client (`OUTBOUND`) or delivered to it (`INBOUND`). */
export interface SimulatedSinchFax {
  id: string;
  direction: 'OUTBOUND' | 'INBOUND';
  projectId: string;
  serviceId: string | null;
  to: string;
  from: string | null;
  status: SinchFaxStatus;
  failure: SinchFailure | null;
  numberOfPages: number | null;
  createTime: string;
  completedTime: string | null;
  /** The callback URL exactly as the client sent it, credentials included (never shown by GET). */
  callbackUrl: string | null;
  callbackUrlContentType: 'multipart/form-data' | 'application/json';
  labels: Record<string, string>;
  /** The content URL the client gave, if any (fetched once at send time). */
  contentUrl: string | null;
  /** How the document arrived: a `file` part, fetched from `contentUrl`, or delivered inbound. */
  documentSource: 'file' | 'contentUrl' | 'inbound' | 'none';
  /** The document bytes Sinch holds for the fax (what `GET .../file.pdf` returns), or null. */
  document: Buffer | null;
  /** HTTP status of the content URL fetch, or null when no URL was fetched. */
  contentUrlStatus: number | null;
}

/** Shows a callback URL the way Sinch's API does: embedded Basic credentials are masked. */
function maskCredentials(url: string | null): string | undefined {
  if (url === null) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '****';
    parsed.password = '****';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * The Fax object in Sinch's wire format (camelCase JSON, as `GET /faxes/{id}` returns it and as
 * the `fax` part of a callback carries it). Optional members are left out when unknown.
 */
export function toSinchFaxJson(fax: SimulatedSinchFax): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: fax.id,
    direction: fax.direction,
    to: fax.to,
    status: fax.status,
    createTime: fax.createTime,
    projectId: fax.projectId,
    labels: { ...fax.labels },
    callbackUrlContentType: fax.callbackUrlContentType,
    hasFile: String(fax.document !== null),
    maxRetries: 3,
    retryCount: 0,
    headerPageNumbers: true,
  };
  if (fax.from !== null) json['from'] = fax.from;
  if (fax.serviceId !== null) json['serviceId'] = fax.serviceId;
  if (fax.numberOfPages !== null) json['numberOfPages'] = fax.numberOfPages;
  if (fax.completedTime !== null) json['completedTime'] = fax.completedTime;
  if (fax.contentUrl !== null) json['contentUrl'] = [fax.contentUrl];
  const callbackUrl = maskCredentials(fax.callbackUrl);
  if (callbackUrl !== undefined) json['callbackUrl'] = callbackUrl;
  if (fax.failure !== null) Object.assign(json, fax.failure);
  return json;
}
