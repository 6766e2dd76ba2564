import { createLogger } from '@faxbot/audit';
import { loadConfig } from '../config/app-config';
import { startGateway } from '../server';
import { firstRunKeyNotice } from './first-run-key.notice';

/** `faxbot serve`: runs the API until SIGINT/SIGTERM, then shuts down in order. */
export async function serveCommand(env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel, base: { service: 'faxbot-api' } });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection (kept running)'));
  const gateway = await startGateway(config, logger);

  const lines = [
    '',
    `  Faxbot is running at ${gateway.url}`,
    `    readiness:  ${gateway.url}/health/ready`,
    `    provider:   ${config.faxBackend}   data: ${config.dataDir}`,
  ];
  if (gateway.firstRunAdminKey !== null) {
    lines.push(await firstRunKeyNotice(gateway.firstRunAdminKey, config.dataDir, process.stderr.isTTY === true));
  } else if (config.requireApiKey) {
    lines.push('    auth:       X-API-Key required (API_KEY or a key created with POST /admin/api-keys)');
  }
  lines.push('  Next: send a first fax — see docs/getting-started.md', '');
  process.stderr.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    gateway
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
