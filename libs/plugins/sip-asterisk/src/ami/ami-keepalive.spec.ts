import { AmiKeepalive } from './ami-keepalive';

const until = async (condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('AmiKeepalive', () => {
  it('pings on its interval while the pings are answered', async () => {
    let pings = 0;
    const keepalive = new AmiKeepalive(5, async () => (pings += 1), () => undefined);
    keepalive.start();
    await until(() => pings >= 3);
    keepalive.stop();
  });

  it('reports the session dead once, on the first unanswered ping, and stops', async () => {
    const deaths: unknown[] = [];
    let pings = 0;
    const keepalive = new AmiKeepalive(
      5,
      async () => {
        pings += 1;
        if (pings === 2) throw new Error('no pong');
      },
      (error) => deaths.push(error),
    );
    keepalive.start();
    await until(() => deaths.length === 1);
    const pingsAtDeath = pings;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deaths).toEqual([new Error('no pong')]);
    expect(pings).toBe(pingsAtDeath);
  });

  it('never overlaps pings when one is slow', async () => {
    let inFlight = 0;
    let overlap = false;
    let pings = 0;
    const keepalive = new AmiKeepalive(
      2,
      async () => {
        inFlight += 1;
        overlap ||= inFlight > 1;
        pings += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
      },
      () => undefined,
    );
    keepalive.start();
    await until(() => pings >= 3);
    keepalive.stop();
    expect(overlap).toBe(false);
  });
});
