import type { PhaxioFax } from './phaxio-fax';
import { queryPhaxioFaxes } from './phaxio-fax-query';
import type { PhaxioSimulatedFax } from './phaxio-simulated-fax';

const NOW = Date.parse('2025-06-10T12:00:00.000Z');

function fax(id: number, created: string, patch: Partial<PhaxioFax> = {}): PhaxioSimulatedFax {
  return {
    id,
    fax: {
      id,
      direction: 'sent',
      num_pages: 1,
      cost: 0,
      status: 'success',
      is_test: false,
      created_at: created,
      caller_id: null,
      from_number: null,
      to_number: null,
      caller_name: null,
      recipients: [{ phone_number: '+15555550000', status: 'success', retry_count: 0, completed_at: null, bitrate: null, resolution: null, error_type: null, error_id: null, error_message: null }],
      tags: {},
      error_type: null,
      error_id: null,
      error_message: null,
      completed_at: null,
      ...patch,
    },
    callbackUrl: null,
    outcomes: ['delivered'],
    documents: [],
    conversionError: null,
    requestFields: [],
  };
}

const ALL = [
  fax(1, '2025-06-10T10:00:00.000Z', { tags: { faxbot_key: 'k1', env: 'a' } }),
  fax(2, '2025-06-10T11:00:00.000Z', { tags: { faxbot_key: 'k2', env: 'a' }, status: 'failure' }),
  fax(3, '2025-06-10T11:30:00.000Z', { direction: 'received', to_number: '+15550009999' }),
  fax(4, '2025-05-01T11:30:00.000Z', { tags: { faxbot_key: 'k1' } }),
];

const ids = (query: string): number[] | string => {
  const result = queryPhaxioFaxes(ALL, new URLSearchParams(query), NOW);
  return result.ok ? result.page.faxes.map((item) => item.id) : result.message;
};

describe('queryPhaxioFaxes', () => {
  it.each([
    ['', [3, 2, 1]],
    ['tag[faxbot_key]=k1', [1]],
    ['tag[faxbot_key]=k1&created_after=2025-01-01T00:00:00Z', [1, 4]],
    ['tag[env]=a&tag[faxbot_key]=k2', [2]],
    ['tag[faxbot_key]=nope', []],
    ['direction=received', [3]],
    ['status=failure', [2]],
    ['phone_number=%2B15550009999', [3]],
    ['per_page=2&page=2', [1]],
  ])('"%s" lists %j, newest first', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each(['created_after=yesterday', 'per_page=0', 'page=x'])('refuses "%s"', (query) => {
    expect(typeof ids(query)).toBe('string');
  });

  it('reports paging', () => {
    const result = queryPhaxioFaxes(ALL, new URLSearchParams('per_page=1'), NOW);
    expect(result.ok && result.page.paging).toEqual({ total: 3, per_page: 1, page: 1 });
  });
});
