import type { AddedTool, McpServerHandle } from '../sdk/mcp-sdk.adapter';
import type { AnyToolDefinition } from '../tools/tool-definition';
import { satisfies, type CapabilitySnapshot } from './capability-snapshot';
import type { CapabilityWatcher } from './capability.watcher';

/** A tool offered only while the API's running plugins declare every word in `requires`. */
export interface CapabilityTool {
  tool: AnyToolDefinition;
  /** `category/capability` words, e.g. `messaging/send_message`. */
  requires: readonly string[];
}

/**
 * Keeps one MCP server's capability tools in step with the watcher: adds a tool when what it
 * requires becomes active, removes it when that goes away (the server tells its client with
 * `tools/list_changed`). Applies the current snapshot at once, so a server created later (a new
 * HTTP session) starts with the right tools. Returns the function that stops following.
 */
export function bindCapabilityTools(server: McpServerHandle, watcher: CapabilityWatcher, tools: readonly CapabilityTool[]): () => void {
  const added = new Map<string, AddedTool>();
  const apply = (snapshot: CapabilitySnapshot): void => {
    for (const { tool, requires } of tools) {
      const wanted = satisfies(snapshot, requires);
      const present = added.get(tool.name);
      if (wanted && present === undefined) added.set(tool.name, server.addTool(tool));
      if (!wanted && present !== undefined) {
        present.remove();
        added.delete(tool.name);
      }
    }
  };
  const current = watcher.current();
  if (current !== null) apply(current);
  return watcher.subscribe(apply);
}
