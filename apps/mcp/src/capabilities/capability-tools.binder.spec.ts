import { PassThrough } from 'node:stream';
import { createFaxbotClient, type CapabilitiesResponse } from '@faxbot/api-client';
import { createStderrLogger } from '../logging/stderr.logger';
import { createServer, type ServerDeps } from '../server';
import { callTool, connectInMemory, textOf, type Client } from '../testing/mcp-client.test-helpers';
import { createMessagingTools } from '../tools/messaging/messaging-tools';
import { capabilitiesWith, FAX_ONLY, watchToolListChanges } from './capability.test-helpers';
import { CapabilityWatcher } from './capability.watcher';

const MESSAGING_TOOLS = ['get_message_status', 'list_conversations', 'reply_to_conversation', 'send_message'];
const ALL_MESSAGING = capabilitiesWith('messaging', ['send_message', 'get_message_status', 'list_conversations', 'reply']);
// Nothing listens on port 1: the tools are registered, but their calls cannot reach an API.
const NOWHERE = 'http://127.0.0.1:1';

describe('capability tools on live MCP servers', () => {
  let answer: CapabilitiesResponse = FAX_ONLY;
  let watcher: CapabilityWatcher;
  const logger = createStderrLogger({ level: 'error', stream: new PassThrough() });
  const deps = (): ServerDeps => ({
    client: createFaxbotClient({ baseUrl: NOWHERE, timeoutMs: 2_000 }),
    logger,
    version: '0.0.0',
    maxFileBytes: 1024,
    files: { pathAllowed: false, roots: null },
    fetch: { timeoutMs: 1_000, allowPrivateNetworks: false },
    capabilityTools: { watcher, tools: createMessagingTools({ client: createFaxbotClient({ baseUrl: NOWHERE, timeoutMs: 2_000 }) }) },
  });
  const messagingTools = async (client: Client): Promise<string[]> =>
    (await client.listTools()).tools.map((tool) => tool.name).filter((name) => MESSAGING_TOOLS.includes(name)).sort();

  beforeEach(() => {
    answer = FAX_ONLY;
    watcher = new CapabilityWatcher({ read: async () => answer, intervalMs: 60_000, logger });
  });
  afterEach(async () => {
    await watcher.stop();
  });

  it('adds the four tools with one tools/list_changed when messaging becomes active, and removes them again', async () => {
    await watcher.poll();
    const client = await connectInMemory(createServer(deps()));
    const changes = watchToolListChanges(client);
    expect(await messagingTools(client)).toEqual([]);

    answer = ALL_MESSAGING;
    await watcher.poll();
    await changes.waitFor(1);
    expect(await messagingTools(client)).toEqual(MESSAGING_TOOLS);

    answer = FAX_ONLY;
    await watcher.poll();
    await changes.waitFor(2);
    expect(await messagingTools(client)).toEqual([]);
    expect(changes.count()).toBe(2);
    await client.close();
  });

  it('offers only the tools whose capability words are declared', async () => {
    answer = capabilitiesWith('messaging', ['send_message', 'get_message_status']);
    await watcher.poll();
    const client = await connectInMemory(createServer(deps()));
    expect(await messagingTools(client)).toEqual(['get_message_status', 'send_message']);
    await client.close();
  });

  it('ignores the words under another category', async () => {
    answer = capabilitiesWith('custom', ['send_message', 'get_message_status', 'list_conversations', 'reply']);
    await watcher.poll();
    const client = await connectInMemory(createServer(deps()));
    expect(await messagingTools(client)).toEqual([]);
    await client.close();
  });

  it('keeps every server of the process in step; a server created later starts from the current state', async () => {
    await watcher.poll();
    const first = await connectInMemory(createServer(deps()));
    const second = await connectInMemory(createServer(deps()));
    const changes = [watchToolListChanges(first), watchToolListChanges(second)];
    answer = ALL_MESSAGING;
    await watcher.poll();
    await Promise.all(changes.map((change) => change.waitFor(1)));
    expect(await messagingTools(first)).toEqual(MESSAGING_TOOLS);
    expect(await messagingTools(second)).toEqual(MESSAGING_TOOLS);

    await first.close();
    answer = FAX_ONLY;
    await watcher.poll();
    await changes[1]?.waitFor(2);
    expect(await messagingTools(second)).toEqual([]);
    // A server created now starts from the current snapshot.
    const third = await connectInMemory(createServer(deps()));
    expect(await messagingTools(third)).toEqual([]);
    await second.close();
    await third.close();
  });

  it('answers a call with a clear tool error when the API cannot be reached', async () => {
    answer = ALL_MESSAGING;
    await watcher.poll();
    const client = await connectInMemory(createServer(deps()));
    const result = await callTool(client, 'get_message_status', { messageId: 'lm_000000000000000000000000' });
    expect(result.isError).toBe(true);
    expect(result._meta?.['faxbot/error_code']).toBe('UNAVAILABLE');
    expect(textOf(result)).toContain('the Faxbot API may be down');
    await client.close();
  });
});
