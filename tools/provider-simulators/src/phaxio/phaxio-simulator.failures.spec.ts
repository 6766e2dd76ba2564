import { startPhaxioSimulator, type PhaxioSimulator } from './phaxio-simulator';
import { callApi, FAST, postFax, waitForFaxStatus } from './phaxio-simulator.test-helpers';

describe('Phaxio simulator failure injection', () => {
  let phaxio: PhaxioSimulator;

  beforeEach(async () => {
    phaxio = await startPhaxioSimulator(FAST);
  });
  afterEach(() => phaxio.close());

  it.each([
    ['server_error', 500],
    ['client_error', 422],
    ['rate_limited', 429],
    ['unauthorized', 401],
  ] as const)('answers the next send %s with HTTP %i and creates nothing', async (mode, status) => {
    phaxio.failNextSend(mode);
    const failed = await postFax(phaxio, [['to', phaxio.numbers.delivered]]);
    expect(failed).toEqual({ status, body: { success: false, message: expect.any(String) } });
    expect(phaxio.faxes.size).toBe(0);
    expect((await postFax(phaxio, [['to', phaxio.numbers.delivered]])).status).toBe(200);
  });

  it('never answers a send in "timeout" mode, and creates nothing', async () => {
    phaxio.failNextSend('timeout');
    await expect(fetchWithin(500, () => postFax(phaxio, [['to', phaxio.numbers.delivered]]))).rejects.toThrow('no answer');
    expect(phaxio.faxes.size).toBe(0);
    expect(phaxio.requests.at(-1)).toEqual(expect.objectContaining({ route: 'send', status: null }));
  });

  it('creates the fax but never answers in "accepted_then_timeout" mode', async () => {
    phaxio.failNextSend('accepted_then_timeout');
    await expect(fetchWithin(500, () => postFax(phaxio, [['to', phaxio.numbers.delivered], ['tag[faxbot_key]', 'k']]))).rejects.toThrow('no answer');
    await waitForFaxStatus(phaxio, 100001, (status) => status !== 'missing');
    expect(phaxio.fax(100001)!.fax.tags).toEqual({ faxbot_key: 'k' });
  });

  it('creates the fax and still answers 500 in "accepted_then_server_error" mode', async () => {
    phaxio.failNextSend('accepted_then_server_error');
    expect((await postFax(phaxio, [['to', phaxio.numbers.delivered]])).status).toBe(500);
    expect(phaxio.faxes.size).toBe(1);
  });

  it('drops the connection in "connection_reset" mode', async () => {
    phaxio.failNextSend('connection_reset');
    await expect(postFax(phaxio, [['to', phaxio.numbers.delivered]])).rejects.toThrow();
    expect(phaxio.faxes.size).toBe(0);
  });

  it('fails the next request of another route only', async () => {
    const { body } = await postFax(phaxio, [['to', phaxio.numbers.delivered]]);
    phaxio.failNextRequest('server_error', 'get');
    expect((await callApi(phaxio, 'GET', '/faxes')).status).toBe(200);
    expect((await callApi(phaxio, 'GET', `/faxes/${body.data!.id}`)).status).toBe(500);
    expect((await callApi(phaxio, 'GET', `/faxes/${body.data!.id}`)).status).toBe(200);
  });

  it('delays answers when told to', async () => {
    phaxio.setResponseDelay(150);
    const startedAt = Date.now();
    expect((await callApi(phaxio, 'GET', '/faxes')).status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
  });

  it('closes while a request is left unanswered', async () => {
    phaxio.failNextSend('timeout');
    const pending = postFax(phaxio, [['to', phaxio.numbers.delivered]]).catch((error: unknown) => error);
    await waitFor(() => phaxio.requests.length === 1);
    await phaxio.close();
    // fetch's TypeError comes from another realm than jest's, so check the shape, not the class.
    expect(await pending).toHaveProperty('message', expect.any(String));
  });
});

/** Rejects with "no answer" when `call` has not settled within `ms` (the server keeps it open). */
function fetchWithin<T>(ms: number, call: () => Promise<T>): Promise<T> {
  return Promise.race([call(), new Promise<T>((_, reject) => setTimeout(() => reject(new Error('no answer')), ms))]);
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
