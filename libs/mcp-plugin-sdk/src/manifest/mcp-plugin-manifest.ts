/** Manifest format version this SDK reads and writes. */
export const MCP_MANIFEST_VERSION = 1;

/** MCP plugin API version this SDK describes; the MCP server lists the versions it supports. */
export const MCP_PLUGIN_API_VERSION = 1;

/** A JSON Schema (draft-07) as plain data. */
export type JsonSchema = Record<string, unknown>;

/** MCP tool annotations: hints for clients about what a tool does, not guarantees. */
export interface McpToolAnnotations {
  /** A human-readable title for the tool. */
  title?: string;
  /** The tool changes nothing outside itself. */
  readOnlyHint?: boolean;
  /** The tool may delete or overwrite things (meaningful when not read-only). */
  destructiveHint?: boolean;
  /** Calling the tool twice with the same arguments has no further effect. */
  idempotentHint?: boolean;
  /** The tool talks to the outside world (a web service, another system). */
  openWorldHint?: boolean;
}

/**
 * One tool in the static catalogue. The host lists it to clients as `<pluginId>_<name>` with
 * exactly these schemas, without running any plugin code.
 */
export interface McpToolDeclaration {
  /** Lower-case letters, digits and `_`, starting with a letter, at most 48 characters. */
  name: string;
  /** Short human-readable name shown by clients. */
  title?: string;
  /** What the tool does and when to use it; the model reads this. */
  description: string;
  /** JSON Schema (draft-07) of the arguments: an object schema. Arguments are checked against it before the plugin sees them. */
  inputSchema: JsonSchema;
  /** JSON Schema of the structured result; when present the host checks every result against it. */
  outputSchema?: JsonSchema;
  annotations?: McpToolAnnotations;
}

/**
 * The `faxbot` object of an MCP plugin package's `package.json`. Read and validated by the MCP
 * server before any plugin code runs.
 */
export interface McpPluginManifest {
  manifestVersion: 1;
  /** Stable id: lower case, digits and dashes, 2–63 characters, starting with a letter. */
  id: string;
  kind: 'mcp';
  /** MCP plugin API version the plugin was written against (see {@link MCP_PLUGIN_API_VERSION}). */
  apiVersion: number;
  /** Module to load, relative to the package root (CommonJS); must stay inside the package. */
  entry: string;
  name: string;
  description: string;
  /** When present, must equal the package's `version`. */
  version?: string;
  /** The tools, 1–64 of them, with unique names. */
  tools: McpToolDeclaration[];
  /** JSON Schema of the plugin's configuration (the `config` object in `config/mcp-plugins.json`). */
  configSchema?: JsonSchema;
  /** Extension fields, ignored by the host. */
  [extension: `x-${string}`]: unknown;
}
