import { startAmiSimulator, type AmiSimulator } from '@faxbot/provider-simulators';
import { AmiClient, type AmiClientOptions } from './ami-client';

let ami: AmiSimulator;
const clients: AmiClient[] = [];

function client(overrides: Partial<AmiClientOptions> = {}): AmiClient {
  const created = new AmiClient({
    host: ami.host,
    port: ami.port,
    username: ami.username,
    password: ami.password,
    actionTimeoutMs: 2000,
    keepaliveIntervalMs: 60_000,
    reconnectMinMs: 20,
    reconnectMaxMs: 200,
    authRetryMs: 60_000,
    ...overrides,
  });
  clients.push(created);
  created.start();
  return created;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  ami = await startAmiSimulator();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.stop()));
  await ami.close();
});

describe('AmiClient', () => {
  it('logs in and becomes ready', async () => {
    const created = client();
    await created.whenReady(10_000);
    expect(created.state).toBe('ready');
    expect(created.problem).toBeUndefined();
    expect(ami.loginCount).toBe(1);
  });

  it('treats a refused secret as auth_failed and does not retry in a tight loop', async () => {
    const created = client({ password: 'wrong-secret' });
    await until(() => created.state === 'auth_failed');
    expect(created.problem).toBe('AMI login failed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // With reconnectMinMs 20 a naive client would have tried a dozen times by now.
    expect(ami.failedLoginCount).toBe(1);
    await expect(created.send([['Action', 'Ping']])).rejects.toMatchObject({ kind: 'not_connected' });
  });

  it('recovers from auth_failed after authRetryMs once the secret is right again', async () => {
    const rightSecret = ami.password;
    ami.setPassword('rotated-away');
    const created = client({ password: rightSecret, authRetryMs: 100 });
    await until(() => created.state === 'auth_failed');
    ami.setPassword(rightSecret);
    await created.whenReady(10_000);
  });

  it('reports a closed port as disconnected with the reason, and keeps retrying', async () => {
    // Port 1 (tcpmux) is privileged and unused: connections are refused, and no other suite can take it.
    const created = client({ port: 1 });
    await until(() => created.state === 'disconnected');
    expect(created.problem).toMatch(/^cannot reach AMI/);
    expect(created.problem).not.toContain(ami.password);
  });

  it('matches concurrent actions to their own responses by ActionID', async () => {
    const created = client();
    await created.whenReady(10_000);
    const ids = Array.from({ length: 25 }, (_, index) => `concurrent-${index}`);
    const responses = await Promise.all(ids.map((actionId) => created.send([['Action', 'Ping']], { actionId })));
    expect(responses.map((response) => response['actionid'])).toEqual(ids);
    expect(responses.every((response) => response['ping'] === 'Pong')).toBe(true);
  });

  it('times an unanswered action out without touching the others', async () => {
    const created = client();
    await created.whenReady(10_000);
    ami.ignoreActions(['Originate']);
    const lost = created.send([['Action', 'Originate']], { timeoutMs: 200 });
    const ping = await created.send([['Action', 'Ping']]);
    expect(ping['ping']).toBe('Pong');
    await expect(lost).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('keeps the session alive with Ping', async () => {
    const created = client({ keepaliveIntervalMs: 30 });
    await created.whenReady(10_000);
    await until(() => ami.actions.filter((action) => action.action === 'Ping').length >= 3);
    expect(ami.loginCount).toBe(1);
  });

  it('drops a session whose Ping goes unanswered and logs in again', async () => {
    const created = client({ keepaliveIntervalMs: 30, actionTimeoutMs: 200 });
    await created.whenReady(10_000);
    ami.ignoreActions(['Ping']);
    await until(() => created.state !== 'ready');
    ami.ignoreActions([]);
    await until(() => ami.loginCount >= 2 && created.state === 'ready');
  });

  it('reconnects after Asterisk drops the connection, and counts sessions', async () => {
    const created = client();
    await created.whenReady(10_000);
    expect(created.sessionNumber).toBe(1);
    ami.dropConnections();
    await until(() => created.state !== 'ready');
    await created.whenReady(10_000);
    expect(created.sessionNumber).toBe(2);
    expect((await created.send([['Action', 'Ping']]))['ping']).toBe('Pong');
  });

  it('hands every event to the subscribers', async () => {
    const created = client();
    const seen: string[] = [];
    created.onEvent((event) => seen.push(event['userevent'] ?? ''));
    await created.whenReady(10_000);
    ami.emitEvent([['Event', 'UserEvent'], ['UserEvent', 'FaxResult'], ['JobID', 'j']]);
    await until(() => seen.includes('FaxResult'));
  });

  it('stops for good: no reconnect after stop()', async () => {
    const created = client();
    await created.whenReady(10_000);
    await created.stop();
    expect(created.state).toBe('stopped');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ami.loginCount).toBe(1);
    await until(() => ami.connectionCount === 0);
  });
});
