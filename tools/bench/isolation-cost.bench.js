// Rough cost of the isolation tiers on this machine: start-up, getStatus round trip, a 1 MB send,
// and memory per child. Uses the built package, so build @faxbot/api first:
//   node --expose-gc apps/api/src/plugins/isolation/__bench__/isolation-cost.bench.js
const { readFileSync } = require('node:fs');
const { cpus, totalmem } = require('node:os');
const { join } = require('node:path');
const { Readable } = require('node:stream');
const { createTestDeps } = require('@faxbot/plugin-sdk/testing');
const { createIsolatedPlugin } = require('../../apps/api/dist/plugins/isolation/isolated-plugin.js');

const ENTRY = join(__dirname, '..', '..', 'apps', 'api', 'src', 'plugins', 'isolation', '__fixtures__', 'echo-plugin.js');
const ROUND_TRIPS = 5000;
const CHILDREN = 4;

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

function documentOf(size) {
  const bytes = Buffer.alloc(size, 1);
  return { type: 'pdf', mimeType: 'application/pdf', fileName: 'a.pdf', sizeBytes: size, open: () => Readable.from([bytes]), read: async () => bytes };
}

async function startPlugin(tier) {
  const deps = createTestDeps({ pluginId: 'bench' });
  deps.logger = { debug() {}, info() {}, warn() {}, error() {} };
  if (tier === 'in-process') {
    const plugin = require(ENTRY).createPlugin();
    await plugin.start({}, deps);
    return plugin;
  }
  const plugin = createIsolatedPlugin({ tier, entryPath: ENTRY, pluginId: 'bench', instanceId: 'bench', config: {}, deps });
  await plugin.start({}, deps);
  return plugin;
}

async function startUpMs(tier) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const started = process.hrtime.bigint();
    const plugin = await startPlugin(tier);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    await plugin.stop();
  }
  return times.sort((a, b) => a - b)[2];
}

async function measure(tier) {
  const startMs = await startUpMs(tier);
  const plugin = await startPlugin(tier);
  const query = { jobId: '0b6e3c1e-1f1a-4c43-9a57-2d1f0e6f4b7a', providerSid: 'sid-0b6e3c1e-1' };
  for (let i = 0; i < 500; i++) await plugin.getStatus(query);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ROUND_TRIPS; i++) await plugin.getStatus(query);
  const roundTripUs = Number(process.hrtime.bigint() - t0) / 1e3 / ROUND_TRIPS;
  const document = documentOf(1024 * 1024);
  const sends = 50;
  const t1 = process.hrtime.bigint();
  const signal = new AbortController().signal;
  for (let i = 0; i < sends; i++) await plugin.send({ jobId: 'j', to: '+15551234567', document, idempotencyKey: `k${i}`, signal });
  const sendMs = Number(process.hrtime.bigint() - t1) / 1e6 / sends;
  await plugin.stop();
  return { tier, startMs: startMs.toFixed(0), roundTripUs: roundTripUs.toFixed(1), send1MbMs: sendMs.toFixed(2) };
}

async function memory(tier) {
  await settle();
  const before = process.memoryUsage().rss;
  const plugins = [];
  for (let i = 0; i < CHILDREN; i++) plugins.push(await startPlugin(tier));
  await settle();
  const hostDeltaMb = (process.memoryUsage().rss - before) / 1024 / 1024 / CHILDREN;
  const childRssMb = tier === 'process' ? plugins.reduce((sum, plugin) => sum + rssMb(plugin.child.pid), 0) / CHILDREN : 0;
  await Promise.all(plugins.map((plugin) => plugin.stop()));
  return { tier, hostRssPerChildMb: hostDeltaMb.toFixed(1), childRssMb: childRssMb.toFixed(1) };
}

(async () => {
  console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
  for (const tier of ['in-process', 'worker', 'process']) console.log(await measure(tier));
  for (const tier of ['worker', 'process']) console.log(await memory(tier));
})();
