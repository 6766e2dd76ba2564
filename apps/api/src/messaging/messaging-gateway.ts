import { inject, injectable } from 'inversify';
import { isMessagingPlugin, type MessagingPlugin } from '@faxbot/plugin-sdk';
import type { AppConfig } from '../config/app-config';
import { PluginHost } from '../plugins/plugin-host';
import type { PluginInstance } from '../plugins/plugin-instance';
import { withTimeout } from '../plugins/with-timeout';
import { API_TOKENS } from '../tokens';
import type { ActiveMessaging } from './active-messaging';

/**
 * Finds the messaging plugin instance the `/messages` and `/conversations` routes use: the first
 * (by instance id) running instance of a plugin with the manifest category `messaging` whose code
 * implements the SDK's messaging contract. Messaging plugins run in-process; an isolated instance
 * does not implement the contract through its proxy and is passed over.
 */
@injectable()
export class MessagingGateway {
  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(PluginHost) private readonly plugins: PluginHost,
  ) {}

  /** The active messaging instance, or null when none is running. */
  active(): ActiveMessaging | null {
    const candidates = this.plugins
      .instances()
      .filter((instance) => ['running', 'degraded'].includes(instance.state))
      .filter((instance) => this.plugins.find(instance.pluginId)?.manifest?.categories?.includes('messaging') === true)
      .sort((a, b) => a.instanceId.localeCompare(b.instanceId));
    for (const instance of candidates) {
      const plugin = instance.plugin;
      if (plugin !== null && isMessagingPlugin(plugin)) return this.wrap(instance, plugin);
    }
    return null;
  }

  private wrap(instance: PluginInstance, plugin: MessagingPlugin): ActiveMessaging {
    const limit = this.config.pluginStartTimeoutMs;
    const call = <T>(what: string, work: () => Promise<T>): Promise<T> => instance.track(() => withTimeout(work(), limit, what));
    const list = plugin.listConversations?.bind(plugin);
    const reply = plugin.replyToConversation?.bind(plugin);
    return {
      instanceId: instance.instanceId,
      pluginId: instance.pluginId,
      sendMessage: (options) => call('sendMessage', () => plugin.sendMessage(options)),
      getMessage: (messageId) => call('getMessage', () => plugin.getMessage(messageId)),
      ...(list === undefined ? {} : { listConversations: (options) => call('listConversations', () => list(options)) }),
      ...(reply === undefined ? {} : { replyToConversation: (options) => call('replyToConversation', () => reply(options)) }),
    };
  }
}
