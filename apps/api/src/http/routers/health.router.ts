import { Router } from 'express';
import type { Database } from '@faxbot/db';
import type { AppConfig } from '../../config/app-config';
import type { QueueWorker } from '../../jobs/queue-worker';
import type { PluginHost } from '../../plugins/plugin-host';
import type { OutboundDocumentStore } from '../../storage/outbound-document.store';

/** How long `/health/ready` waits for the outbound plugin's own health answer. */
const READY_HEALTH_TIMEOUT_MS = 2_000;

/** Services the health routes look at. */
export interface HealthDeps {
  config: AppConfig;
  db: Database;
  plugins: PluginHost;
  documents: OutboundDocumentStore;
  worker: QueueWorker;
}

/** `GET /health` (liveness) and `GET /health/ready` (200 or 503 with one result per check). */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_request, response) => {
    const warnings: string[] = [];
    const db = await deps.db.ping().then(
      () => true,
      () => false,
    );
    const storage = await deps.documents.checkWritable().then(
      () => true,
      () => false,
    );
    const problem = deps.plugins.outboundProblem();
    // Unauthenticated: say which plugin is not ready, never the plugin's own error text.
    if (problem !== null) warnings.push(`outbound plugin "${deps.config.faxBackend}" is not running (details: GET /plugins/${deps.config.faxBackend})`);
    // A live answer, so a provider connection that is down (a refused AMI login) is not "ready".
    const health = problem === null ? await deps.plugins.probeHealth(deps.config.faxBackend, READY_HEALTH_TIMEOUT_MS) : null;
    const backendHealth = health?.status ?? null;
    if (backendHealth === 'down') warnings.push(`outbound plugin "${deps.config.faxBackend}" reports its provider down (details: GET /plugins/${deps.config.faxBackend})`);
    if (deps.config.faxDisabled) warnings.push('FAX_DISABLED is set: jobs are stored but not sent');
    if (!deps.config.requireApiKey) warnings.push('REQUIRE_API_KEY=false: the API is open to anyone who can reach it');
    const worker = deps.config.faxDisabled || deps.worker.running;
    const checks = { db, backend_config: problem === null, backend_health: backendHealth, storage, worker };
    const ready = db && storage && problem === null && backendHealth !== 'down' && worker;
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', backend: deps.config.faxBackend, checks, warnings });
  });
  return router;
}
