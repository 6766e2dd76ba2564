import { defineMcpPlugin, McpPluginError, type McpToolHandlerContext } from '@faxbot/mcp-plugin-sdk';
import { formatFaxNumber, type DisplayStyle } from './format-fax-number';
import { parseFaxNumber, type ParsedFaxNumber } from './parse-fax-number';

/** The plugin's `config` in `config/mcp-plugins.json`. */
export interface FaxNumberConfig {
  /** Country calling code assumed for numbers written without one; empty refuses them. */
  defaultCountryCode: string;
}

type Context = McpToolHandlerContext<FaxNumberConfig>;

function countryCodeFor(args: Record<string, unknown>, context: Context): string {
  const fromCall = args['defaultCountryCode'];
  return typeof fromCall === 'string' ? fromCall : context.config.defaultCountryCode;
}

function parseOrRefuse(args: Record<string, unknown>, context: Context): ParsedFaxNumber {
  const check = parseFaxNumber(String(args['number']), { defaultCountryCode: countryCodeFor(args, context) });
  if (!check.valid) throw new McpPluginError('INVALID_ARGUMENT', check.problems.map((problem) => problem.message).join(' '));
  return check.number;
}

/**
 * The fax-number plugin: `normalize`, `check` and `format`. Pure functions over the arguments; it
 * keeps nothing between calls and logs no numbers.
 *
 * @example
 * const plugin = createPlugin();
 * await plugin.start?.({ pluginId: 'fax-number', config: { defaultCountryCode: '1' }, logger, host });
 */
export const createPlugin = defineMcpPlugin<FaxNumberConfig>({
  tools: {
    normalize(args, context) {
      const { e164, countryCode, nationalNumber } = parseOrRefuse(args, context);
      return { e164, countryCode, nationalNumber };
    },
    check(args, context) {
      const check = parseFaxNumber(String(args['number']), { defaultCountryCode: countryCodeFor(args, context) });
      return check.valid ? { valid: true, e164: check.number.e164, problems: [] } : { valid: false, e164: null, problems: check.problems };
    },
    format(args, context) {
      const number = parseOrRefuse(args, context);
      return { formatted: formatFaxNumber(number, args['style'] as DisplayStyle), e164: number.e164 };
    },
  },
});
