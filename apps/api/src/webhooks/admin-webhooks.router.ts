import { Router, type RequestHandler } from 'express';
import type { Scope } from '../auth/scopes';
import type { PluginHost } from '../plugins/plugin-host';
import { listWebhooks } from './webhook-listing';

/** `GET /admin/webhooks`: every webhook URL the running instances answer (scope `admin:plugins:read`). */
export function createAdminWebhooksRouter(deps: { plugins: PluginHost; publicApiUrl: string; requireScope: (scope: Scope) => RequestHandler }): Router {
  const router = Router();
  router.get('/admin/webhooks', deps.requireScope('admin:plugins:read'), (_request, response) => {
    response.json({ public_api_url: deps.publicApiUrl, items: listWebhooks(deps.plugins, deps.publicApiUrl) });
  });
  return router;
}
