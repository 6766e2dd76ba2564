import type * as z from 'zod';
import type { LogFields } from '../logging/stderr.logger';

/** MCP tool annotations (hints for clients, not guarantees). */
export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** What a tool call knows besides its arguments. Tools keep no state between calls. */
export interface ToolContext {
  /** Aborted when the client cancels the request or the connection closes. */
  signal: AbortSignal;
}

/** A content block a tool returns besides its structured output (as JSON text, always first). */
export type ToolContentBlock =
  /** A document embedded in the result: `blob` is its base64. */
  | { type: 'resource'; resource: { uri: string; mimeType: string; blob: string } }
  /** A resource the client can read (`resources/read`) when it wants the content. */
  | { type: 'resource_link'; uri: string; name: string; title?: string; description?: string; mimeType?: string; size?: number };

/** A tool's structured output together with extra content blocks (an embedded document, a link). */
export class ToolReply<Output> {
  constructor(
    readonly output: Output,
    readonly content: ToolContentBlock[],
  ) {}
}

/**
 * One MCP tool: its name, zod input and output shapes, and a `run` function that returns the
 * structured result or throws a `ToolError`. Tools do not know the MCP SDK; `server.ts` and the
 * SDK adapter turn them into registered tools.
 */
export interface ToolDefinition<Input extends z.ZodRawShape = z.ZodRawShape, Output extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  annotations: ToolAnnotations;
  run(input: z.infer<z.ZodObject<Input>>, context: ToolContext): Promise<z.infer<z.ZodObject<Output>> | ToolReply<z.infer<z.ZodObject<Output>>>>;
  /** Safe fields to log for a call (the logger masks phone numbers); default none. */
  logFields?(input: z.infer<z.ZodObject<Input>>): LogFields;
  /** Safe fields of a successful result to log (never numbers or content); default the jobId, if any. */
  logOutput?(output: z.infer<z.ZodObject<Output>>): LogFields;
}

/** A tool whose input and output types have been erased, for lists of tools. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyToolDefinition = ToolDefinition<any, any>;
