import { ProviderHealth } from './provider-health';

describe('ProviderHealth', () => {
  it('is ok at first and after successes', () => {
    const health = new ProviderHealth();
    expect(health.report()).toEqual({ status: 'ok' });
    health.succeeded();
    expect(health.report()).toEqual({ status: 'ok' });
  });

  it('is down after an auth refusal until a call succeeds', () => {
    const health = new ProviderHealth();
    health.failed({ kind: 'http', status: 401, message: null });
    expect(health.report()).toEqual({ status: 'down', detail: expect.stringContaining('HTTP 401') });
    health.succeeded();
    expect(health.report().status).toBe('ok');
  });

  it('is degraded after three outages in a row, and a 4xx answer ends the streak', () => {
    const health = new ProviderHealth();
    health.failed({ kind: 'http', status: 503, message: null });
    health.failed({ kind: 'refused' });
    expect(health.report().status).toBe('ok');
    health.failed({ kind: 'timeout' });
    expect(health.report()).toEqual({ status: 'degraded', detail: 'the last 3 calls to Phaxio failed (last: no answer in time)' });
    health.failed({ kind: 'http', status: 422, message: null });
    expect(health.report().status).toBe('ok');
    health.failed({ kind: 'aborted' });
    expect(health.report().status).toBe('ok');
  });
});
