import { Router, type RequestHandler } from 'express';
import type { Database } from '@faxbot/db';
import { PLUGIN_INSTANCE_STATES, type MetricsRegistry, type PluginInstanceState } from '@faxbot/metrics';
import { isFinalStatus, type FaxStatus } from '@faxbot/plugin-sdk';
import type { Scope } from '../../auth/scopes';
import type { PluginHost } from '../../plugins/plugin-host';

/** Services the metrics route uses. */
export interface MetricsRouterDeps {
  metrics: MetricsRegistry;
  db: Database;
  plugins: PluginHost;
  requireScope: (scope: Scope) => RequestHandler;
}

/**
 * Counts every request by route template (never the path, which holds ids) and status. Mounted
 * before the routers, it reads the matched route once the answer is sent.
 */
export function createRequestMetrics(metrics: MetricsRegistry): RequestHandler {
  return (request, response, next) => {
    const started = Date.now();
    response.on('finish', () => {
      const route = request.route === undefined ? 'unmatched' : `${request.baseUrl}${String((request.route as { path: unknown }).path)}`;
      metrics.core.httpRequest({ method: request.method, route, status: response.statusCode, durationMs: Date.now() - started });
    });
    next();
  };
}

/**
 * `GET /metrics`: the gateway's and the plugins' metrics in Prometheus text format, scope
 * `admin:metrics:read`. Job counts and queue depth are read from the database on each scrape;
 * plugin instance states from the host.
 */
export function createMetricsRouter(deps: MetricsRouterDeps): Router {
  const router = Router();
  deps.metrics.core.setFaxJobCountSource(() => deps.db.jobs.countByStatus());
  deps.metrics.core.setQueueDepthSource(async () => {
    const counts = await deps.db.jobs.countByStatus();
    const waiting = Object.entries(counts).filter(([status]) => !isFinalStatus(status as FaxStatus)).reduce((sum, [, count]) => sum + count, 0);
    return { fax: waiting };
  });
  router.get('/metrics', deps.requireScope('admin:metrics:read'), async (_request, response, next) => {
    try {
      for (const instance of deps.plugins.instances()) {
        if ((PLUGIN_INSTANCE_STATES as readonly string[]).includes(instance.state)) {
          deps.metrics.core.pluginInstanceState({ pluginId: instance.pluginId, instanceId: instance.instanceId, state: instance.state as PluginInstanceState });
        }
      }
      const text = await deps.metrics.metricsText();
      response.status(200).set('Content-Type', text.contentType).send(text.body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
