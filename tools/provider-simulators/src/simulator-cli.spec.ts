import { connect } from 'node:net';
import { SIMULATOR_NAMES, SimulatorUsageError, startSimulatorFromArgs } from './simulator-cli';

describe('startSimulatorFromArgs', () => {
  it.each(SIMULATOR_NAMES)('starts the %s simulator, prints where it listens, and stops', async (name) => {
    const started = await startSimulatorFromArgs([name, '--host', '127.0.0.1']);
    try {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(started.summary)?.[1] ?? /port\D{0,3}(\d{2,5})/i.exec(started.summary)?.[1]);
      expect(port).toBeGreaterThan(0);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', reject);
      });
    } finally {
      await started.close();
    }
  });

  it.each([[[]], [['fax-o-matic']], [['phaxio', '--port']], [['phaxio', '--port', 'eighty']], [['sinch', '--colour', 'red']]])('refuses %j with the usage text', async (argv) => {
    const error = await startSimulatorFromArgs(argv).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SimulatorUsageError);
    expect((error as Error).message).toContain('usage: provider-simulators');
  });
});
