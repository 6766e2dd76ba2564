/** Fax job status, spelled exactly as the API returns it (final outcomes in upper case). */
export type FaxStatus = 'queued' | 'in_progress' | 'SUCCESS' | 'FAILED' | 'cancelled';

/** Statuses that never change again. */
export const FINAL_FAX_STATUSES: readonly FaxStatus[] = ['SUCCESS', 'FAILED', 'cancelled'];

/**
 * A fax job as `POST /fax` and `GET /fax/{id}` return it (docs/api-reference.md, "The job
 * object"). Field names are the API's own, so this type reads like the reference.
 */
export interface FaxJob {
  id: string;
  /** Destination as submitted. PHI: never log it unmasked. */
  to: string;
  status: FaxStatus;
  error: string | null;
  error_code: string | null;
  pages: number | null;
  backend: string;
  provider_sid: string | null;
  created_at: string;
  updated_at: string;
}

/** One running plugin instance, as `GET /plugins/capabilities` lists it. */
export interface PluginCapability {
  instance_id: string;
  plugin_id: string;
  categories: string[];
  capabilities: string[];
}

/** `GET /plugins/capabilities`. */
export interface CapabilitiesResponse {
  items: PluginCapability[];
}

/** `GET /health`. */
export interface HealthResponse {
  status: string;
}
