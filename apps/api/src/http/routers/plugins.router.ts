import { Router, type RequestHandler } from 'express';
import type { Scope } from '../../auth/scopes';
import { ApiError } from '../../errors/api-error';
import type { PluginHost } from '../../plugins/plugin-host';
import type { DiscoveredPlugin } from '../../plugins/plugin-state';

function toPluginDto(plugin: DiscoveredPlugin, activeOutbound: string): Record<string, unknown> {
  return {
    id: plugin.id,
    name: plugin.manifest?.name ?? plugin.packageName,
    package: plugin.packageName,
    version: plugin.version,
    description: plugin.manifest?.description ?? null,
    categories: plugin.manifest?.categories ?? [],
    capabilities: plugin.manifest?.capabilities ?? [],
    state: plugin.state,
    reason: plugin.reason,
    enabled: plugin.id === activeOutbound && plugin.state !== 'invalid',
    active_outbound: plugin.id === activeOutbound,
  };
}

/** `GET /plugins` and `GET /plugins/{id}`: what discovery found and each plugin's state. */
export function createPluginsRouter(plugins: PluginHost, activeOutbound: string, requireScope: (scope: Scope) => RequestHandler): Router {
  const router = Router();
  router.get('/plugins', requireScope('admin:plugins:read'), (_request, response) => {
    response.json({ items: plugins.list().map((plugin) => toPluginDto(plugin, activeOutbound)) });
  });
  router.get('/plugins/:id', requireScope('admin:plugins:read'), (request, response, next) => {
    const plugin = plugins.find(String(request.params['id']));
    if (plugin === undefined) return next(new ApiError('NOT_FOUND', 'Plugin not found'));
    response.json(toPluginDto(plugin, activeOutbound));
  });
  return router;
}
