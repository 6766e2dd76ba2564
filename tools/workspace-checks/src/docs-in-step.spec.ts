import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root';

const root = workspaceRoot();
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

function exportedNames(indexFile: string): string[] {
  const source = read(indexFile);
  const names = new Set<string>();
  for (const block of source.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
    for (const part of (block[1] ?? '').split(',')) {
      const name = part.replace(/\btype\b/, '').trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  return [...names];
}

// Docs must stay true to the code at every commit.
describe('documentation in step with the code', () => {
  it.each([...exportedNames('libs/plugin-sdk/src/index.ts'), ...exportedNames('libs/plugin-sdk/src/testing/index.ts')])(
    'PLUGIN_DEVELOPER_REFERENCE.md documents the SDK export %s',
    (name) => {
      expect(read('docs/PLUGIN_DEVELOPER_REFERENCE.md')).toContain(name);
    },
  );

  const configSource = read('apps/api/src/config/app-config.ts');
  const variables = [...new Set([...configSource.matchAll(/env\['([A-Z_]+)'\]|\(env, '([A-Z_]+)'/g)].map((match) => match[1] ?? match[2]))];

  it('finds the variables the API reads', () => {
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'API_KEY', 'FAX_BACKEND', 'MAX_FILE_SIZE_MB']));
  });

  it.each(variables)('docs/configuration.md documents %s', (name) => {
    expect(read('docs/configuration.md')).toContain(`\`${name}\``);
  });
});
