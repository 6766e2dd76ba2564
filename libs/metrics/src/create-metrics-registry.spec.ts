import { register as globalRegistry } from 'prom-client';
import { createMetricsRegistry } from './create-metrics-registry';
import { scrape, thrownCode } from './prometheus-text.test-helpers';

describe('createMetricsRegistry', () => {
  it('exposes the core families in Prometheus text format with its content type', async () => {
    const registry = createMetricsRegistry();
    const { contentType, body } = await registry.metricsText();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = await scrape(registry);
    expect(Object.fromEntries([...families].map(([name, family]) => [name, family.type]))).toEqual({
      faxbot_metrics_rejected_samples_total: 'counter',
      faxbot_http_requests_total: 'counter',
      faxbot_http_request_duration_seconds: 'histogram',
      faxbot_fax_job_transitions_total: 'counter',
      faxbot_instance_state: 'gauge',
      faxbot_webhook_deliveries_total: 'counter',
      faxbot_metrics_collect_failures_total: 'counter',
      faxbot_queue_depth: 'gauge',
      faxbot_fax_jobs: 'gauge',
    });
    for (const family of families.values()) expect(family.help).toEqual(expect.any(String));
    expect(body).not.toContain('process_');
  });

  it('keeps registries apart and out of prom-client\'s global registry', async () => {
    const first = createMetricsRegistry();
    const second = createMetricsRegistry();
    first.forPlugin('acme', 'acme').increment('sent');
    first.core.webhookDelivery({ instanceId: 'acme', status: 200 });
    expect((await first.metricsText()).body).toContain('faxbot_plugin_acme_sent_total{instance="acme"} 1');
    expect((await second.metricsText()).body).not.toContain('faxbot_plugin_acme');
    expect((await second.metricsText()).body).not.toContain('status_class="2xx"');
    expect(await globalRegistry.metrics()).not.toContain('faxbot_');
  });

  it('adds the process metrics when asked', async () => {
    const registry = createMetricsRegistry({ processMetrics: true });
    const families = await scrape(registry);
    expect(families.get('process_cpu_user_seconds_total')?.type).toBe('counter');
    expect(families.get('nodejs_heap_size_total_bytes')?.type).toBe('gauge');
    await registry.close();
  });

  it('ignores samples after close and refuses new handles and expositions', async () => {
    const registry = createMetricsRegistry();
    const metrics = registry.forPlugin('acme', 'acme');
    const stop = metrics.timer('call');
    await registry.close();
    expect(() => metrics.increment('sent')).not.toThrow();
    expect(() => stop()).not.toThrow();
    expect(() => registry.core.httpRequest({ method: 'GET', route: '/health', status: 200 })).not.toThrow();
    expect(thrownCode(() => registry.forPlugin('acme', 'acme'))).toBe('CLOSED');
    await expect(registry.metricsText()).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it.each([
    ['a bad plugin id', 'Acme', 'acme'],
    ['a plugin id with an underscore', 'ac_me', 'acme'],
    ['a bad instance id', 'acme', 'acme:b'],
    ['a one-letter id', 'a', 'acme'],
  ])('refuses %s', (_label, pluginId, instanceId) => {
    expect(thrownCode(() => createMetricsRegistry().forPlugin(pluginId, instanceId))).toBe('INVALID_ARGUMENT');
  });

  it.each([
    ['zero series per core metric', { seriesPerCoreMetric: 0 }],
    ['a fractional series limit', { seriesPerPluginMetric: 1.5 }],
    ['a negative metric limit', { metricsPerPlugin: -1 }],
    ['a zero collect timeout', { collectTimeoutMs: 0 }],
  ])('refuses %s', (_label, options) => {
    expect(thrownCode(() => createMetricsRegistry(options))).toBe('CONFIG_INVALID');
  });
});
