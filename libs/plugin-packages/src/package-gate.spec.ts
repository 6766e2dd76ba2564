import { computeIntegrity } from './integrity';
import type { Allowlist } from './allowlist';
import { gatePackage, type GateCandidate, type PackageGateContext } from './package-gate';

const PINNED = computeIntegrity(Buffer.from('reviewed tarball'));
const allowlist: Allowlist = { version: 1, plugins: [{ name: 'mcp-x', version: '1.0.0', integrity: PINNED, id: 'x', kind: 'mcp' }] };
const candidate: GateCandidate = { packageName: 'mcp-x', version: '1.0.0', id: 'x', kind: 'mcp', dir: '/srv/host/node_modules/mcp-x' };
const context: PackageGateContext = { host: { packageName: '@faxbot/mcp', devModeVariable: 'MCP_PLUGIN_DEV_MODE' }, allowlist, bundled: {}, devMode: false };

// The full rule table runs against the API's wrapper (apps/api plugin-gate.spec.ts); these cases
// prove the parts that depend on which host asks.
describe('gatePackage', () => {
  it('allows an allowlisted package of the asking host\'s kind', () => {
    expect(gatePackage(candidate, context)).toEqual({ verdict: 'allowed', via: 'allowlist' });
  });

  it.each([
    ['a kind the entry is not for', { ...candidate, kind: 'backend' as const }, {}, 'expects kind "mcp", the package declares "backend"'],
    ['a bundled name outside the host range', { ...candidate, packageName: 'bundled' }, { bundled: { bundled: { range: '^2.0.0', dir: candidate.dir } } }, 'not the bundled version (@faxbot/mcp depends on bundled@^2.0.0)'],
    ['a workspace plugin outside dev mode', { ...candidate, packageName: 'ws', dir: '/work/ws' }, {}, 'workspace plugins load only in development mode (MCP_PLUGIN_DEV_MODE=true)'],
  ] as Array<[string, GateCandidate, Partial<PackageGateContext>, string]>)('blocks %s, naming the host', (_label, subject, overrides, reason) => {
    const verdict = gatePackage(subject, { ...context, ...overrides });
    expect(verdict.verdict === 'blocked' ? verdict.reason : '').toContain(reason);
  });
});
