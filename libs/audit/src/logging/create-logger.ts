import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { scrubValue } from '../masking/scrub-value';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Minimum level; default `info`. */
  level?: LevelWithSilent;
  /** Where JSON lines go; default stdout. Tests pass a stream to inspect the output. */
  destination?: DestinationStream;
  /** Fields added to every line (e.g. `{ service: 'api' }`). Never put PHI here. */
  base?: Record<string, unknown>;
}

/**
 * Creates Faxbot's JSON logger (pino). Every argument of every call — including children's —
 * is passed through {@link scrubValue}, so phone numbers, secrets and document content never
 * reach the output even when a caller forgets.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 * logger.info({ jobId, to }, 'fax queued'); // "to" is written as ***4567
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const safe = args.map((arg) => scrubValue(arg)) as Parameters<typeof method>;
          method.apply(this, safe);
        },
      },
      serializers: { err: (error: unknown) => scrubValue(error) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

export type { Logger };
