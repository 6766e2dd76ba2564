import { checkLoopbackConfig } from './check-loopback-config';
import { DEFAULT_LOOPBACK_CONFIG } from './loopback-config';

describe('checkLoopbackConfig', () => {
  it('accepts the defaults', () => {
    expect(checkLoopbackConfig({ ...DEFAULT_LOOPBACK_CONFIG })).toEqual({ ok: true });
  });

  it('lists every problem, without echoing the values', () => {
    const result = checkLoopbackConfig({ outboxDir: 'patients/5550101234', deliveryDelayMs: -1, slowLineDelayMs: NaN, transientFailures: 0.5 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((error) => error.split(':')[0])).toEqual([
        'config.outboxDir',
        'config.deliveryDelayMs',
        'config.slowLineDelayMs',
        'config.transientFailures',
      ]);
      expect(result.errors.join(' ')).not.toContain('5550101234');
    }
  });
});
