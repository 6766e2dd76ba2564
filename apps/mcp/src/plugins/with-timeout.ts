/** Thrown by {@link withTimeout} when the work took too long. */
export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Resolves like `work`, or rejects with {@link TimeoutError} after `ms`. `work` is started inside,
 * so a synchronous throw becomes a rejection; a late outcome of `work` is ignored.
 */
export function withTimeout<T>(work: () => Promise<T> | T, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    Promise.resolve()
      .then(work)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
  });
}
