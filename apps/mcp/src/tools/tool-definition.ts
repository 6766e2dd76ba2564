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
  run(input: z.infer<z.ZodObject<Input>>, context: ToolContext): Promise<z.infer<z.ZodObject<Output>>>;
  /** Safe fields to log for a call (the logger masks phone numbers); default none. */
  logFields?(input: z.infer<z.ZodObject<Input>>): LogFields;
}

/** A tool whose input and output types have been erased, for lists of tools. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyToolDefinition = ToolDefinition<any, any>;
