import { originateAction } from './originate-action';

const input = {
  callId: 'faxbot-job1-0a1b2c3d',
  jobId: 'job1',
  dest: '+15551234567',
  faxFile: '/var/spool/faxbot/job1-job1-1.tiff',
  stationId: '+1 555 000 1111',
  headerText: 'Clinic Fax',
  originateTimeoutMs: 60_000,
};

describe('originateAction', () => {
  it('keeps the original Originate so existing dialplans keep working', () => {
    expect(originateAction(input)).toEqual([
      ['Action', 'Originate'],
      ['ActionID', 'faxbot-job1-0a1b2c3d'],
      ['Channel', 'Local/s@faxout'],
      ['Context', 'faxout'],
      ['Exten', 's'],
      ['Priority', '1'],
      ['Async', 'true'],
      ['ChannelId', 'faxbot-job1-0a1b2c3d'],
      ['Timeout', '60000'],
      ['Variable', 'JOBID=job1,DEST=+15551234567,FAXFILE=/var/spool/faxbot/job1-job1-1.tiff'],
      ['Variable', 'FAXHEADER=Clinic Fax,LOCALSTATIONID=+1 555 000 1111'],
      ['CallerID', '+1 555 000 1111'],
    ]);
  });

  it('leaves header, station id and CallerID to the dialplan when they are empty', () => {
    const action = originateAction({ ...input, stationId: '', headerText: '' });
    expect(action.filter(([name]) => name === 'Variable')).toHaveLength(1);
    expect(action.some(([name]) => name === 'CallerID')).toBe(false);
  });
});
