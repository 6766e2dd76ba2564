import { CORE_EVENT_TYPES, isCoreEventType } from './event-catalogue';

describe('core event catalogue', () => {
  it('names every core event of the design, once', () => {
    expect([...CORE_EVENT_TYPES].sort()).toEqual(
      [
        'plugin.loaded', 'plugin.started', 'plugin.stopped', 'plugin.error', 'plugin.config_changed',
        'job.created', 'job.queued', 'job.processing', 'job.completed', 'job.failed', 'job.cancelled',
        'fax.sent', 'fax.failed', 'fax.received', 'fax.status_changed',
        'storage.file_created', 'storage.file_deleted',
        'transport.http.request_started', 'transport.http.request_completed', 'transport.http.request_failed', 'transport.http.retry_attempted',
        'transport.websocket.connected', 'transport.websocket.message_received', 'transport.websocket.disconnected',
        'config.changed', 'health.check',
      ].sort(),
    );
  });

  it.each([
    ['job.completed', true],
    ['transport.http.retry_attempted', true],
    ['acme.job.completed', false],
    ['toString', false],
  ])('isCoreEventType(%s) is %s', (type, expected) => {
    expect(isCoreEventType(type)).toBe(expected);
  });
});
