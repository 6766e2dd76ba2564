import type { ToolContext } from '../tools/tool-definition';

/** One resource as `resources/list` shows it. */
export interface ResourceEntry {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** Size of the content in bytes, before base64. */
  size?: number;
}

/** The content of one resource read: binary, as base64. */
export interface ResourceBlob {
  uri: string;
  mimeType: string;
  /** Base64 of the content. */
  blob: string;
}

/**
 * A resource template (`faxbot://inbound/{id}/pdf`): a `list` of the resources it currently
 * offers and a `read` of one. Like tools, templates do not know the MCP SDK and fail with a
 * `ToolError`; the SDK adapter registers them and turns errors into JSON-RPC errors.
 */
export interface ResourceTemplateDefinition {
  name: string;
  uriTemplate: string;
  title: string;
  description: string;
  mimeType: string;
  list(context: ToolContext): Promise<ResourceEntry[]>;
  /** `variables` are the template's variables as matched in the URI, e.g. `{ id }`. */
  read(uri: string, variables: Record<string, string>, context: ToolContext): Promise<ResourceBlob>;
}
