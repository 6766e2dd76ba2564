import type { ErrorObject } from 'ajv';

/**
 * Turns ajv errors into short sentences that name the offending field.
 *
 * @example
 * describeAjvErrors(validate.errors, 'config'); // ['config.port: must be integer']
 */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined, root: string): string[] {
  return (errors ?? []).map((error) => {
    const where = `${root}${error.instancePath.replace(/\//g, '.')}`;
    if (error.keyword === 'additionalProperties') {
      return `${where}: unknown field "${String(error.params['additionalProperty'])}"`;
    }
    if (error.keyword === 'enum') {
      return `${where}: must be one of ${JSON.stringify(error.params['allowedValues'])}`;
    }
    if (error.keyword === 'required') {
      return `${where}: missing required field "${String(error.params['missingProperty'])}"`;
    }
    return `${where}: ${error.message ?? 'is invalid'}`;
  });
}
