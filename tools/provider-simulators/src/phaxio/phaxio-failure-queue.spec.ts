import { PhaxioFailureQueue } from './phaxio-failure-queue';

describe('PhaxioFailureQueue', () => {
  it('hands each failure to the next request of its route, in order', () => {
    const queue = new PhaxioFailureQueue();
    queue.push('server_error', 'send');
    queue.push('timeout', 'send');
    queue.push('rate_limited', 'get');
    expect(queue.take('list')).toBeNull();
    expect(queue.take('get')).toBe('rate_limited');
    expect(queue.take('send')).toBe('server_error');
    expect(queue.take('send')).toBe('timeout');
    expect(queue.take('send')).toBeNull();
    expect(queue.size).toBe(0);
  });

  it('lets `skip` requests through first, and `any` matches every route', () => {
    const queue = new PhaxioFailureQueue();
    queue.push('server_error', 'list', 1);
    expect(queue.take('list')).toBeNull();
    expect(queue.take('list')).toBe('server_error');
    queue.push('unauthorized', 'any');
    expect(queue.take('cancel')).toBe('unauthorized');
  });
});
