import { join } from 'node:path';
import { discoverPlugins } from './plugin-discovery';

const FIXTURES = join(__dirname, '__fixtures__', 'plugin-folder');
const WORKSPACE_NODE_MODULES = join(__dirname, '..', '..', '..', '..', 'node_modules');

describe('discoverPlugins', () => {
  it('reports each package of a plugin folder with a state and reason, without importing code', async () => {
    const found = await discoverPlugins([FIXTURES]);
    const byId = Object.fromEntries(found.map((plugin) => [plugin.id, plugin]));
    expect(Object.keys(byId).sort()).toEqual(['bad-kind', 'broken', 'escape', 'loopback', 'throwing', 'unbuilt']);
    expect(byId['broken']).toMatchObject({ state: 'invalid', packageName: 'faxbot-plugin-broken' });
    expect(byId['broken']?.reason).toContain('unknown field "entyr"');
    expect(byId['bad-kind']?.reason).toContain('faxbot.kind');
    expect(byId['escape']).toMatchObject({ state: 'invalid' });
    expect(byId['unbuilt']?.reason).toContain('does not exist');
    expect(byId['throwing']).toMatchObject({ state: 'discovered', packageName: '@acme/faxbot-throwing', version: '0.3.0', reason: null });
    // The duplicate's entry throws when imported; discovery never imports it.
    expect(byId['loopback']).toMatchObject({ state: 'discovered', packageName: 'faxbot-plugin-impostor' });
  });

  it('skips mcp plugins and packages without a faxbot key', async () => {
    const found = await discoverPlugins([FIXTURES]);
    expect(found.map((plugin) => plugin.packageName)).not.toEqual(expect.arrayContaining(['faxbot-mcp-thing', 'left-pad-ish']));
    const mcp = await discoverPlugins([FIXTURES], 'mcp');
    expect(mcp.map((plugin) => plugin.id)).toContain('mcp-thing');
  });

  it('lets the first root win and marks a later package with the same id as a duplicate', async () => {
    const found = await discoverPlugins([WORKSPACE_NODE_MODULES, FIXTURES]);
    const loopbacks = found.filter((plugin) => plugin.id === 'loopback');
    expect(loopbacks).toHaveLength(2);
    expect(loopbacks[0]).toMatchObject({ packageName: '@faxbot/plugin-loopback', state: 'discovered' });
    expect(loopbacks[1]).toMatchObject({ packageName: 'faxbot-plugin-impostor', state: 'invalid' });
    expect(loopbacks[1]?.reason).toContain('duplicate plugin id');
  });

  it('accepts a root that is itself a plugin package, and tolerates missing roots', async () => {
    const found = await discoverPlugins([join(FIXTURES, '@acme', 'throwing-plugin'), join(FIXTURES, 'does-not-exist')]);
    expect(found.map((plugin) => plugin.id)).toEqual(['throwing']);
  });
});
