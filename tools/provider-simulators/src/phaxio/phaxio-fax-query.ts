import type { PhaxioSimulatedFax } from './phaxio-simulated-fax';

/** A page of faxes as `GET /v2.1/faxes` answers it. */
export interface PhaxioFaxPage {
  faxes: PhaxioSimulatedFax[];
  paging: { total: number; per_page: number; page: number };
}

/** Answer of {@link queryPhaxioFaxes}: a page, or why the query was refused (HTTP 422). */
export type PhaxioFaxQueryResult = { ok: true; page: PhaxioFaxPage } | { ok: false; message: string };

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

function timeParam(params: URLSearchParams, name: string): number | null | 'invalid' {
  const value = params.get(name);
  if (value === null || value === '') return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 'invalid' : at;
}

function positiveInt(params: URLSearchParams, name: string, fallback: number, max: number): number | 'invalid' {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) return 'invalid';
  return Math.min(Number(value), max);
}

/**
 * Filters and pages faxes as Phaxio's "List faxes" does
 * (https://www.phaxio.com/docs/api/v2/faxes/list_faxes): `created_after` (default one week ago),
 * `created_before` (default now), `direction`, `status`, `phone_number` (exact), every
 * `tag[NAME]=value` given (all must match), `per_page` (default 20, at most 1000) and `page`;
 * newest first.
 */
export function queryPhaxioFaxes(all: Iterable<PhaxioSimulatedFax>, params: URLSearchParams, now = Date.now()): PhaxioFaxQueryResult {
  const after = timeParam(params, 'created_after');
  const before = timeParam(params, 'created_before');
  if (after === 'invalid' || before === 'invalid') return { ok: false, message: 'created_after and created_before must be RFC 3339 timestamps' };
  const perPage = positiveInt(params, 'per_page', 20, 1000);
  const page = positiveInt(params, 'page', 1, Number.MAX_SAFE_INTEGER);
  if (perPage === 'invalid' || page === 'invalid') return { ok: false, message: 'per_page and page must be positive integers' };
  const tags: Array<[string, string]> = [];
  for (const [name, value] of params) {
    const match = /^tag\[(.+)\]$/.exec(name);
    if (match !== null) tags.push([match[1] as string, value]);
  }
  const direction = params.get('direction');
  const status = params.get('status');
  const phone = params.get('phone_number');
  const from = after ?? now - WEEK_MS;
  const to = before ?? now;
  const matching = [...all].filter(({ fax }) => {
    const created = Date.parse(fax.created_at);
    if (created < from || created > to) return false;
    if (direction !== null && direction !== '' && fax.direction !== direction) return false;
    if (status !== null && status !== '' && fax.status !== status) return false;
    if (phone !== null && phone !== '') {
      const numbers = [fax.from_number, fax.to_number, ...fax.recipients.map((recipient) => recipient.phone_number)];
      if (!numbers.includes(phone)) return false;
    }
    return tags.every(([name, value]) => fax.tags[name] === value);
  });
  matching.sort((a, b) => Date.parse(b.fax.created_at) - Date.parse(a.fax.created_at) || b.id - a.id);
  return {
    ok: true,
    page: { faxes: matching.slice((page - 1) * perPage, page * perPage), paging: { total: matching.length, per_page: perPage, page } },
  };
}
