/**
 * Sends `Ping` on a quiet schedule and reports a session dead when one goes unanswered. A TCP
 * connection to a hung or rebooted Asterisk can stay "open" for hours; only an answered action
 * proves the session works.
 */
export class AmiKeepalive {
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;

  /**
   * @param ping sends one `Ping`; rejects when it is not answered in time
   * @param onDead called once with the failure; the keepalive stops itself first
   */
  constructor(
    private readonly intervalMs: number,
    private readonly ping: () => Promise<unknown>,
    private readonly onDead: (error: unknown) => void,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    // A keepalive must never be the reason a process stays up.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async beat(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      await this.ping();
    } catch (error) {
      if (this.timer === undefined) return;
      this.stop();
      this.onDead(error);
    } finally {
      this.inFlight = false;
    }
  }
}
