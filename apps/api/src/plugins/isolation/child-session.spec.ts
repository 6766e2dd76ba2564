import { FaxbotError } from '@faxbot/plugin-sdk';
import { createTestDeps } from '@faxbot/plugin-sdk/testing';
import type { ChildHandle } from './child-handle';
import { ChildSession } from './child-session';
import type { ChildMessage, HostMessage } from './isolation-messages';

/** A child that answers nothing by itself: the test plays its part. */
class FakeChild implements ChildHandle {
  readonly pid = 4242;
  readonly threadId = null;
  readonly posted: HostMessage[] = [];
  private messageListener: (message: ChildMessage) => void = () => undefined;
  private exitListener: (description: string) => void = () => undefined;
  alive = true;
  refuseClone = false;

  post(message: HostMessage): boolean {
    if (!this.alive) return false;
    if (this.refuseClone) throw new Error('could not be cloned');
    this.posted.push(message);
    return true;
  }
  onMessage(listener: (message: ChildMessage) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (description: string) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.exit('killed by SIGKILL');
  }
  reply(message: ChildMessage): void {
    this.messageListener(message);
  }
  exit(description: string): void {
    if (!this.alive) return;
    this.alive = false;
    this.exitListener(description);
  }
}

function setup() {
  const child = new FakeChild();
  const deps = createTestDeps({ pluginId: 'fake' });
  const ends: Array<{ reason: string; intentional: boolean }> = [];
  const session = new ChildSession(child, () => deps.logger, (_session, reason, intentional) => ends.push({ reason, intentional }));
  return { child, deps, ends, session };
}

describe('ChildSession', () => {
  it('resolves a call with the child’s value and rebuilds a FaxbotError', async () => {
    const { child, session } = setup();
    const ok = session.call('getStatus', [{ providerSid: 'a' }], { timeoutMs: 1000 });
    const failed = session.call('getStatus', [{ providerSid: 'b' }], { timeoutMs: 1000 });
    const [first, second] = child.posted as Array<HostMessage & { id: number }>;
    child.reply({ type: 'result', id: second!.id, ok: false, error: { name: 'FaxbotError', message: 'busy', code: 'LINE_BUSY', retryable: true, isFaxbotError: true } });
    child.reply({ type: 'result', id: first!.id, ok: true, value: { status: 'SUCCESS' } });
    expect(await ok).toEqual({ status: 'SUCCESS' });
    const error = await failed.catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe('LINE_BUSY');
  });

  it('times a call out with a plain Error and kills the child with that reason', async () => {
    const { child, ends, session } = setup();
    const error = await session.call('send', [], { timeoutMs: 20 }).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error)).toBe(false);
    expect((error as Error).message).toBe('plugin call send timed out after 20 ms');
    expect(child.alive).toBe(false);
    expect(ends).toEqual([{ reason: 'send timed out after 20 ms', intentional: false }]);
    expect(await session.ended).toBe('send timed out after 20 ms');
  });

  it('rejects every pending call when the child dies, and refuses calls after that', async () => {
    const { child, ends, session } = setup();
    const calls = [session.call('getStatus', [], { timeoutMs: 1000 }), session.call('send', [], { timeoutMs: 1000 })];
    child.exit('exited with code 1');
    for (const call of calls) await expect(call).rejects.toThrow('plugin process crashed: exited with code 1');
    expect(ends).toEqual([{ reason: 'exited with code 1', intentional: false }]);
    await expect(session.call('getStatus', [], { timeoutMs: 1000 })).rejects.toThrow('plugin process crashed');
  });

  it('forwards an abort for the call it belongs to', async () => {
    const { child, session } = setup();
    const controller = new AbortController();
    const call = session.call('send', [], { timeoutMs: 1000, signal: controller.signal });
    controller.abort();
    const id = (child.posted[0] as { id: number }).id;
    expect(child.posted[1]).toEqual({ type: 'abort', id });
    child.reply({ type: 'result', id, ok: true, value: 'done' });
    await call;
    controller.signal.dispatchEvent(new Event('abort'));
    expect(child.posted).toHaveLength(2);
  });

  it('marks a call whose signal is already aborted', () => {
    const { child, session } = setup();
    void session.call('send', [], { timeoutMs: 1000, signal: AbortSignal.abort() }).catch(() => undefined);
    expect(child.posted[0]).toMatchObject({ type: 'call', method: 'send', aborted: true });
    child.exit('test over');
  });

  it('writes log lines through the plugin logger, unknown levels as info', () => {
    const { child, deps } = setup();
    child.reply({ type: 'log', level: 'warn', message: 'careful', fields: { a: 1 } });
    child.reply({ type: 'log', level: 'fatal' as never, message: 'odd level' });
    expect(deps.logLines).toEqual([
      { level: 'warn', message: 'careful', fields: { a: 1 } },
      { level: 'info', message: 'odd level' },
    ]);
  });

  it('rejects a call whose arguments cannot be sent, without touching the child', async () => {
    const { child, session } = setup();
    child.refuseClone = true;
    await expect(session.call('send', [() => undefined], { timeoutMs: 1000 })).rejects.toThrow('send: arguments cannot be sent to the plugin');
    expect(child.alive).toBe(true);
  });

  it('close() stops the plugin, asks the child to exit and reports an intentional end', async () => {
    const { child, ends, session } = setup();
    const closing = session.close(1000, true);
    const stop = child.posted[0] as { id: number; method: string };
    expect(stop.method).toBe('stop');
    child.reply({ type: 'result', id: stop.id, ok: true, value: undefined });
    await new Promise((resolve) => setImmediate(resolve));
    expect(child.posted[1]).toEqual({ type: 'shutdown' });
    expect(session.ending).toBe(true);
    child.exit('exited with code 0');
    await closing;
    expect(ends).toEqual([{ reason: 'exited with code 0', intentional: true }]);
  });

  it('close() kills a child that does not exit within the grace period', async () => {
    const { child, session } = setup();
    await session.close(20, false);
    expect(child.posted).toEqual([{ type: 'shutdown' }]);
    expect(child.alive).toBe(false);
  });
});
