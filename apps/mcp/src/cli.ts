#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFaxbotClient, type FaxbotClient } from '@faxbot/api-client';
import { CapabilityWatcher } from './capabilities/capability.watcher';
import { createMessagingTools } from './tools/messaging/messaging-tools';
import { ConfigError } from './config/config-error';
import { loadMcpConfig, type McpConfig } from './config/mcp-config';
import { createStderrLogger, type Logger } from './logging/stderr.logger';
import { loadMcpPlugins } from './plugins/load-mcp-plugins';
import { createServer, type ServerDeps } from './server';
import { startStdioTransport } from './transports/stdio.transport';
import { CallTracker } from './tools/call-tracker';
import { startSseTransport } from './transports/sse.transport';
import { startStreamableHttpTransport, type RunningHttpTransport, type StreamableHttpOptions } from './transports/streamable-http.transport';
import { startWebSocketTransport } from './transports/websocket.transport';

// How long a stdio server whose client closed stdin keeps running to answer calls already made.
const DRAIN_MS = 30_000;

const USAGE = `Usage: faxbot-mcp [--transport stdio|http|sse|ws]

Serves the Faxbot MCP tools (send_fax, get_fax_status, get_fax, list_inbound, get_inbound_pdf)
and the resource faxbot://inbound/{id}/pdf to AI assistants.
  --transport stdio   JSON-RPC on stdin/stdout (default; for desktop assistants)
  --transport http    Streamable HTTP on MCP_HTTP_HOST:MCP_HTTP_PORT/mcp
  --transport sse     legacy HTTP+SSE: GET /sse, POST /messages?sessionId=...
  --transport ws      WebSocket on ws://MCP_HTTP_HOST:MCP_HTTP_PORT/ws (subprotocol "mcp")
The HTTP-based transports need MCP_HTTP_API_KEYS and/or OAUTH_ISSUER, OAUTH_AUDIENCE, OAUTH_JWKS_URL.

Configuration comes from environment variables; see docs/mcp.md.
`;

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

// The HTTP-based transports by their --transport name, with the name they log.
const REMOTE_TRANSPORTS: Record<Exclude<McpConfig['transport'], 'stdio'>, { name: string; start: (options: StreamableHttpOptions) => Promise<RunningHttpTransport> }> = {
  http: { name: 'streamable-http', start: startStreamableHttpTransport },
  sse: { name: 'sse', start: startSseTransport },
  ws: { name: 'websocket', start: startWebSocketTransport },
};

function authMethods(config: McpConfig): string[] {
  return [...(config.http.apiKeys.length > 0 ? ['api-key'] : []), ...(config.http.oauth !== null ? ['oauth'] : [])];
}

// The messaging tools follow the API's active plugins, polled by one watcher for every session.
function capabilityTools(config: McpConfig, client: FaxbotClient, logger: Logger): ServerDeps['capabilityTools'] {
  if (config.capabilityPollMs === 0) return undefined;
  const watcher = new CapabilityWatcher({ read: (options) => client.capabilities(options), intervalMs: config.capabilityPollMs, logger });
  return { watcher, tools: createMessagingTools({ client }) };
}

function serverDeps(config: McpConfig, logger: Logger, version: string): ServerDeps {
  const client = createFaxbotClient({ baseUrl: config.apiUrl, apiKey: config.apiKey, timeoutMs: config.apiTimeoutMs });
  const following = capabilityTools(config, client, logger);
  return {
    client,
    ...(following === undefined ? {} : { capabilityTools: following }),
    logger,
    version,
    maxFileBytes: config.maxFileBytes,
    // A remote client's filePath would name a file on this machine: only inside configured roots.
    files: { pathAllowed: config.transport === 'stdio' || config.fileRoots !== null, roots: config.fileRoots },
    fetch: config.fetch,
    inbound: config.inbound,
    calls: new CallTracker(),
  };
}

// Answers to the last calls are written by the SDK a few microtasks after the call finishes, and
// stdout is asynchronous on pipes: let those writes happen and drain before exiting.
async function flushStdout(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
}

function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(USAGE);
    return;
  }
  const version = packageVersion();
  if (argv.includes('--version')) {
    process.stderr.write(`${version}\n`);
    return;
  }
  const config = loadMcpConfig(argv);
  const logger = createStderrLogger({ level: config.logLevel });
  const deps = serverDeps(config, logger, version);
  if (config.apiKey === '') logger.warn('API_KEY is not set: the Faxbot API will refuse every call unless it runs with REQUIRE_API_KEY=false');
  deps.capabilityTools?.watcher.start();
  const plugins = await loadMcpPlugins({ settings: config.plugins, logger, hostPackageDir: join(__dirname, '..'), hostVersion: version });
  deps.pluginTools = plugins.tools;

  if (config.transport === 'stdio') {
    const stdio = await startStdioTransport({ server: createServer(deps), logger });
    logger.info('faxbot-mcp started', { version, transport: 'stdio', api: config.apiUrl });
    onSignals(() => stdio.close().then(plugins.stop));
    await stdio.closed;
    const drained = await deps.calls?.idle(DRAIN_MS);
    logger.info('stdin closed; exiting', { drained });
    await plugins.stop();
    await flushStdout();
    process.exit(0);
  }

  const remote = REMOTE_TRANSPORTS[config.transport];
  const http = await remote.start({ config: config.http, createServer: () => createServer(deps), logger, version });
  logger.info('faxbot-mcp started', { version, transport: remote.name, url: http.url, api: config.apiUrl, auth: authMethods(config) });
  onSignals(() => http.close().then(plugins.stop));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`faxbot-mcp: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`faxbot-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
