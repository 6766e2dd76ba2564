import { existsSync } from 'node:fs';
import { resolveRunnerPath } from './runner-path';

describe('resolveRunnerPath', () => {
  it('points at the built runner in the package dist folder when running from sources', () => {
    const path = resolveRunnerPath();
    expect(path.endsWith('/apps/api/dist/plugins/isolation/plugin-runner.js')).toBe(true);
    expect(existsSync(path)).toBe(true);
  });
});
