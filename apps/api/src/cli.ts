#!/usr/bin/env node
import { migrateConfigCommand } from './cli/migrate-config.command';
import { pluginsCommand } from './cli/plugins.command';
import { serveCommand } from './cli/serve.command';

const USAGE = `Usage: faxbot <command>

Commands:
  serve     Start the Faxbot API (configuration from environment variables; see docs/configuration.md)
  plugins   Manage plugins: list | verify | doctor | install <name@version>
  migrate-config --dry-run | --apply | --rollback
            Turn the FAX_BACKEND plugin's environment variables into stored plugin config
  help      Show this help
`;

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'help';
  switch (command) {
    case 'serve':
      return serveCommand(process.env);
    case 'plugins':
      process.exitCode = await pluginsCommand(argv.slice(1), process.env, { stdout: process.stdout, stderr: process.stderr });
      return;
    case 'migrate-config':
      process.exitCode = await migrateConfigCommand(argv.slice(1), process.env, { stdout: process.stdout, stderr: process.stderr });
      return;
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
