import { FINAL_MESSAGE_STATUSES, isMessagingPlugin, MESSAGE_STATUSES, type BackendPlugin } from '../index';

const nothing = async (): Promise<null> => null;

const lifecycle: BackendPlugin = {
  validateConfig: async () => ({ ok: true }),
  start: async () => undefined,
  stop: async () => undefined,
};

describe('messaging contract', () => {
  it.each([
    ['a plugin with sendMessage and getMessage', { ...lifecycle, sendMessage: nothing, getMessage: nothing }, true],
    ['a plugin without getMessage', { ...lifecycle, sendMessage: nothing }, false],
    ['an outbound fax plugin', { ...lifecycle, send: nothing, getStatus: nothing }, false],
  ])('isMessagingPlugin: %s → %s', (_name, plugin, expected) => {
    expect(isMessagingPlugin(plugin as BackendPlugin)).toBe(expected);
  });

  it('names final statuses from the status vocabulary only', () => {
    expect(FINAL_MESSAGE_STATUSES.every((status) => MESSAGE_STATUSES.includes(status))).toBe(true);
  });
});
