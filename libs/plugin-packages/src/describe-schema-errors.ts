import type { ErrorObject } from 'ajv';

/**
 * Turns ajv errors into short sentences naming the field (`config.port: must be integer`). They
 * never quote the offending value, so they are safe to show and to log.
 *
 * @example
 * describeSchemaErrors(validate.errors, 'args'); // ['args: missing required field "number"']
 */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined, root: string): string[] {
  return (errors ?? []).map((error) => {
    const where = `${root}${error.instancePath.replace(/\//g, '.')}`;
    switch (error.keyword) {
      case 'additionalProperties':
        return `${where}: unknown field "${String(error.params['additionalProperty'])}"`;
      case 'required':
        return `${where}: missing required field "${String(error.params['missingProperty'])}"`;
      case 'enum':
        return `${where}: must be one of ${JSON.stringify(error.params['allowedValues'])}`;
      default:
        return `${where}: ${error.message ?? 'is invalid'}`;
    }
  });
}
