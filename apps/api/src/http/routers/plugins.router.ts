import { readFile } from 'node:fs/promises';
import express, { Router, type RequestHandler } from 'express';
import type { Scope } from '../../auth/scopes';
import { ApiError } from '../../errors/api-error';
import type { PluginConfigService, ConfigUpdate } from '../../plugins/admin/plugin-config.service';
import { toInstanceDto, toPluginDto } from '../../plugins/admin/plugin-views';
import type { PluginHost } from '../../plugins/plugin-host';
import { principalOf } from '../auth/require-scope.middleware';

/** Services the plugin admin routes use. */
export interface PluginsRouterDeps {
  plugins: PluginHost;
  configs: PluginConfigService;
  activeOutbound: string;
  registryPath: string | undefined;
  requireScope: (scope: Scope) => RequestHandler;
}

function parseUpdate(body: unknown): ConfigUpdate {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('BAD_REQUEST', 'Body must be a JSON object');
  const input = body as Record<string, unknown>;
  const known = ['plugin_id', 'enabled', 'isolation', 'settings', 'expected_version'];
  const unknown = Object.keys(input).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new ApiError('BAD_REQUEST', `Unknown field(s): ${unknown.join(', ')}`);
  const settings = input['settings'];
  if (settings !== undefined && (typeof settings !== 'object' || settings === null || Array.isArray(settings))) throw new ApiError('BAD_REQUEST', 'settings must be an object');
  if (input['enabled'] !== undefined && typeof input['enabled'] !== 'boolean') throw new ApiError('BAD_REQUEST', 'enabled must be true or false');
  if (input['plugin_id'] !== undefined && typeof input['plugin_id'] !== 'string') throw new ApiError('BAD_REQUEST', 'plugin_id must be a string');
  if (input['expected_version'] !== undefined && !Number.isInteger(input['expected_version'])) throw new ApiError('BAD_REQUEST', 'expected_version must be an integer');
  return {
    ...(input['plugin_id'] === undefined ? {} : { pluginId: input['plugin_id'] as string }),
    ...(input['enabled'] === undefined ? {} : { enabled: input['enabled'] as boolean }),
    ...(input['isolation'] === undefined ? {} : { isolation: input['isolation'] as ConfigUpdate['isolation'] }),
    ...(settings === undefined ? {} : { settings: settings as Record<string, unknown> }),
    ...(input['expected_version'] === undefined ? {} : { expectedVersion: input['expected_version'] as number }),
  };
}

/**
 * Plugin administration: what discovery found and each instance's state, configuration with
 * secrets write-only, enable/disable, "Save & test", active capabilities and the curated registry.
 */
export function createPluginsRouter(deps: PluginsRouterDeps): Router {
  const { plugins, configs, requireScope } = deps;
  const router = Router();
  const json = express.json({ limit: '64kb' });
  const actor = (response: express.Response): string => `api-key:${principalOf(response).keyId}`;
  const handle =
    (work: (request: express.Request, response: express.Response) => Promise<unknown>): RequestHandler =>
    async (request, response, next) => {
      try {
        response.json(await work(request, response));
      } catch (error) {
        next(error);
      }
    };

  router.get('/plugin-registry', handle(async () => {
    if (deps.registryPath === undefined) return { items: [], note: 'No curated registry configured (PLUGIN_REGISTRY_PATH)' };
    try {
      return JSON.parse(await readFile(deps.registryPath, 'utf8')) as unknown;
    } catch {
      throw new ApiError('SERVICE_UNAVAILABLE', 'Plugin registry file is unreadable');
    }
  }));
  router.get('/plugins/capabilities', requireScope('fax:read'), handle(async () => ({
    items: plugins.capabilities().map((item) => ({ instance_id: item.instanceId, plugin_id: item.pluginId, categories: item.categories, capabilities: item.capabilities })),
  })));
  router.get('/plugins', requireScope('admin:plugins:read'), handle(async () => ({
    items: plugins.list().map((plugin) => toPluginDto(plugin, plugins.instances(), deps.activeOutbound)),
  })));
  router.get('/plugins/:id', requireScope('admin:plugins:read'), handle(async (request) => {
    const id = String(request.params['id']);
    const plugin = plugins.find(id);
    if (plugin !== undefined) return toPluginDto(plugin, plugins.instances(), deps.activeOutbound);
    const instance = plugins.instance(id);
    if (instance !== undefined) return toInstanceDto(instance);
    throw new ApiError('NOT_FOUND', 'Plugin not found');
  }));
  router.get('/plugins/:id/config', requireScope('admin:plugins:read'), handle((request) => configs.view(String(request.params['id']))));
  router.put('/plugins/:id/config', requireScope('admin:plugins:write'), json, handle((request, response) =>
    configs.update(String(request.params['id']), parseUpdate(request.body ?? {}), actor(response)),
  ));
  router.post('/plugins/:id/enable', requireScope('admin:plugins:write'), handle((request, response) => configs.setEnabled(String(request.params['id']), true, actor(response))));
  router.post('/plugins/:id/disable', requireScope('admin:plugins:write'), handle((request, response) => configs.setEnabled(String(request.params['id']), false, actor(response))));
  router.post('/plugins/:id/test', requireScope('admin:plugins:write'), json, handle(async (request) => {
    const body = (request.body ?? {}) as { settings?: unknown };
    if (body.settings !== undefined && (typeof body.settings !== 'object' || body.settings === null || Array.isArray(body.settings))) {
      throw new ApiError('BAD_REQUEST', 'settings must be an object');
    }
    const id = String(request.params['id']);
    if (plugins.find(id) === undefined && plugins.instance(id) === undefined) throw new ApiError('NOT_FOUND', 'Plugin not found');
    return configs.test(id, body.settings as Record<string, unknown> | undefined);
  }));
  return router;
}
