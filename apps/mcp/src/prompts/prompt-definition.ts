/** One MCP prompt without arguments: a name and the user message it expands to. */
export interface PromptDefinition {
  name: string;
  title: string;
  description: string;
  /** The text of the single user message the prompt produces. */
  text(): string;
}
