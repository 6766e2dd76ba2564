import { FAX_STATUSES, type FaxStatus } from '@faxbot/plugin-sdk';
import { allowedPredecessors } from './status-transitions';

describe('allowedPredecessors', () => {
  it('never lets a final status be left', () => {
    for (const to of FAX_STATUSES) {
      expect(allowedPredecessors(to)).not.toEqual(expect.arrayContaining<FaxStatus>(['SUCCESS']));
      expect(allowedPredecessors(to)).not.toContain('FAILED');
      expect(allowedPredecessors(to)).not.toContain('cancelled');
    }
  });

  it('moves forward only', () => {
    expect(allowedPredecessors('queued')).toEqual([]);
    expect(allowedPredecessors('in_progress')).toEqual(['queued']);
    expect(allowedPredecessors('SUCCESS')).toEqual(['queued', 'in_progress']);
  });
});
