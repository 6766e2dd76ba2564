/** Who made a request, as far as authorisation cares. */
export interface Principal {
  /** `env` for the bootstrap key, `dev` in open development mode, else the database key id. */
  keyId: string;
  scopes: readonly string[];
}
