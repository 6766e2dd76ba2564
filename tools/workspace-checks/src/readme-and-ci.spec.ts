import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root';

const root = workspaceRoot();
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

// The README's quick start is two commands, and CI runs the second one.
describe('README quick start and CI', () => {
  const quickStart = read('README.md').split('## Quick start')[1]?.split('\n## ')[0] ?? '';
  const commands = [...quickStart.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => (match[1] ?? '').trim());

  it('has exactly two set-up commands: install-and-start, and the test suite', () => {
    expect(commands.slice(0, 2)).toEqual(['npm install && npm start', 'npm test']);
  });

  it('has .ci/run execute the README test command', () => {
    expect(read('.ci/run')).toMatch(/^npm test\b/m);
  });

  it('has npm start build and serve, and npm test build, lint and test every project', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start']).toContain('serve');
    expect(scripts['test']).toMatch(/nx run-many -t build lint test/);
  });
});
