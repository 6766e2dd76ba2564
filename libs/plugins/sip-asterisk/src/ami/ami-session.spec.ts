import { startAmiSimulator, type AmiSimulator } from '@faxbot/provider-simulators';
import type { AmiError } from './ami-errors';
import type { AmiMessage } from './ami-message';
import { AmiSession } from './ami-session';

let ami: AmiSimulator;

beforeEach(async () => {
  ami = await startAmiSimulator();
});

afterEach(async () => {
  await ami.close();
});

function open(password = ami.password, events: AmiMessage[] = [], closes: AmiError[] = []): Promise<AmiSession> {
  return AmiSession.open(
    { host: ami.host, port: ami.port, username: ami.username, password, actionTimeoutMs: 5000 },
    { onEvent: (event) => events.push(event), onClose: (reason) => closes.push(reason) },
  );
}

describe('AmiSession', () => {
  it('logs in, checking the answer, and sends actions with an ActionID', async () => {
    const session = await open();
    const pong = await session.send([['Action', 'Ping']], { actionId: 'mine' });
    expect(pong).toEqual(expect.objectContaining({ response: 'Success', actionid: 'mine', ping: 'Pong' }));
    session.close();
  });

  it('rejects a refused login as auth_failed, without the secret in the error', async () => {
    const error = await open('wrong-secret').catch((caught: unknown) => caught as AmiError);
    expect(error).toMatchObject({ kind: 'auth_failed', message: 'AMI login failed' });
    expect(String((error as AmiError).message)).not.toContain('wrong-secret');
  });

  it('hands on events, and reports the close once with waiting actions failed', async () => {
    const events: AmiMessage[] = [];
    const closes: AmiError[] = [];
    const session = await open(ami.password, events, closes);
    ami.ignoreActions(['Ping']);
    const waiting = session.send([['Action', 'Ping']]);
    ami.emitEvent([['Event', 'UserEvent'], ['UserEvent', 'FaxResult'], ['JobID', 'j']]);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (events.some((event) => event['userevent'] === 'FaxResult')) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    ami.dropConnections();
    await expect(waiting).rejects.toMatchObject({ kind: 'connection_lost' });
    expect(closes).toHaveLength(1);
    expect(session.open).toBe(false);
    await expect(session.send([['Action', 'Ping']])).rejects.toMatchObject({ kind: 'not_connected' });
  });
});
