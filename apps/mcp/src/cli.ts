#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFaxbotClient } from '@faxbot/api-client';
import { ConfigError } from './config/config-error';
import { loadMcpConfig, type McpConfig } from './config/mcp-config';
import { createStderrLogger, type Logger } from './logging/stderr.logger';
import { createServer, type ServerDeps } from './server';
import { startStdioTransport } from './transports/stdio.transport';
import { CallTracker } from './tools/call-tracker';
import { startStreamableHttpTransport } from './transports/streamable-http.transport';

// How long a stdio server whose client closed stdin keeps running to answer calls already made.
const DRAIN_MS = 30_000;

const USAGE = `Usage: faxbot-mcp [--transport stdio|http]

Serves the Faxbot MCP tools (send_fax, get_fax_status, get_fax, list_inbound, get_inbound_pdf)
and the resource faxbot://inbound/{id}/pdf to AI assistants.
  --transport stdio   JSON-RPC on stdin/stdout (default; for desktop assistants)
  --transport http    Streamable HTTP on MCP_HTTP_HOST:MCP_HTTP_PORT/mcp (needs MCP_HTTP_API_KEYS)

Configuration comes from environment variables; see docs/mcp.md.
`;

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

function serverDeps(config: McpConfig, logger: Logger, version: string): ServerDeps {
  return {
    client: createFaxbotClient({ baseUrl: config.apiUrl, apiKey: config.apiKey, timeoutMs: config.apiTimeoutMs }),
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

  if (config.transport === 'stdio') {
    const stdio = await startStdioTransport({ server: createServer(deps), logger });
    logger.info('faxbot-mcp started', { version, transport: 'stdio', api: config.apiUrl });
    onSignals(() => stdio.close());
    await stdio.closed;
    const drained = await deps.calls?.idle(DRAIN_MS);
    logger.info('stdin closed; exiting', { drained });
    await flushStdout();
    process.exit(0);
  }

  const http = await startStreamableHttpTransport({ config: config.http, createServer: () => createServer(deps), logger, version });
  logger.info('faxbot-mcp started', { version, transport: 'streamable-http', url: http.url, api: config.apiUrl });
  onSignals(() => http.close());
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`faxbot-mcp: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`faxbot-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
