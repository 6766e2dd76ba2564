#!/usr/bin/env node
import { serveCommand } from './cli/serve.command';

const USAGE = `Usage: faxbot <command>

Commands:
  serve     Start the Faxbot API (configuration from environment variables; see docs/configuration.md)
  help      Show this help
`;

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'help';
  switch (command) {
    case 'serve':
      return serveCommand(process.env);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${USAGE}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`faxbot: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
