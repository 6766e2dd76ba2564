export { createPlugin, type FaxNumberConfig } from './fax-number.plugin';
export { parseFaxNumber, type ParsedFaxNumber, type FaxNumberCheck, type ParseOptions } from './parse-fax-number';
export { formatFaxNumber, DISPLAY_STYLES, type DisplayStyle } from './format-fax-number';
export { splitCountryCode, isCountryCode, type CountryCodeSplit } from './country-codes';
export type { NumberProblem, NumberProblemCode } from './number-problem';
