import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { header, type AmiPairs } from './ami-wire';
import { AmiTestClient, tinyTiff } from './ami-test-client.test-helpers';
import { startAmiSimulator, type AmiSimulator } from './ami-simulator';

const dir = mkdtempSync(join(tmpdir(), 'ami-sim-'));
const faxFile = join(dir, 'job.tiff');
writeFileSync(faxFile, tinyTiff(2));
const notTiff = join(dir, 'job.pdf');
writeFileSync(notTiff, '%PDF-1.4\n');

let ami: AmiSimulator;
const clients: AmiTestClient[] = [];

async function client(): Promise<AmiTestClient> {
  const opened = await AmiTestClient.open(ami.port);
  clients.push(opened);
  return opened;
}

async function loggedIn(): Promise<AmiTestClient> {
  const opened = await client();
  expect(header(await opened.login(ami.username, ami.password), 'Response')).toBe('Success');
  return opened;
}

function originate(jobId: string, dest: string, overrides: AmiPairs = []): AmiPairs {
  const base: AmiPairs = [
    ['Action', 'Originate'],
    ['Channel', 'Local/s@faxout'],
    ['Context', 'faxout'],
    ['Exten', 's'],
    ['Priority', '1'],
    ['Async', 'true'],
    ['Variable', `JOBID=${jobId},DEST=${dest},FAXFILE=${faxFile}`],
    ['CallerID', '+15550000000'],
  ];
  const replaced = new Set(overrides.map(([key]) => key));
  return [...base.filter(([key]) => !replaced.has(key)), ...overrides.filter(([, value]) => value !== '')];
}

beforeEach(async () => {
  ami = await startAmiSimulator({ stepDelayMs: 5 });
});

afterEach(async () => {
  for (const opened of clients.splice(0)) opened.close();
  await ami.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('AMI simulator: sessions', () => {
  it('greets with the banner and accepts the right credentials', async () => {
    const opened = await client();
    expect(opened.banner).toMatch(/^Asterisk Call Manager\/\d/);
    const response = await opened.login(ami.username, ami.password);
    expect(response).toEqual(expect.arrayContaining([['Response', 'Success'], ['Message', 'Authentication accepted']]));
    await opened.waitFor((block) => header(block, 'Event') === 'FullyBooted');
    expect(ami.loginCount).toBe(1);
  });

  it('refuses a wrong secret and closes the connection', async () => {
    const opened = await client();
    const response = await opened.login(ami.username, 'not-the-secret');
    expect(response).toEqual(expect.arrayContaining([['Response', 'Error'], ['Message', 'Authentication failed']]));
    await opened.until(() => opened.closed);
    expect(ami.failedLoginCount).toBe(1);
    expect(ami.loginCount).toBe(0);
  });

  it('refuses actions before login', async () => {
    const opened = await client();
    const response = await opened.action([['Action', 'Ping']]);
    expect(header(response, 'Message')).toBe('Permission denied');
  });

  it('answers Ping with Pong and echoes every ActionID', async () => {
    const opened = await loggedIn();
    const response = await opened.action([['Action', 'Ping']], 'ping-42');
    expect(response).toEqual(expect.arrayContaining([['Response', 'Success'], ['ActionID', 'ping-42'], ['Ping', 'Pong']]));
  });

  it('records actions with the secret redacted', async () => {
    await loggedIn();
    expect(ami.actions[0]?.fields).toEqual(expect.arrayContaining([['Secret', '<redacted>']]));
    expect(JSON.stringify(ami.actions)).not.toContain(ami.password);
  });

  it('accepts a new password after setPassword and refuses the old one', async () => {
    const old = ami.password;
    ami.setPassword('rotated-secret');
    expect(header(await (await client()).login(ami.username, old), 'Response')).toBe('Error');
    expect(header(await (await client()).login(ami.username, 'rotated-secret'), 'Response')).toBe('Success');
  });

  it('drops every connection on request and counts open ones', async () => {
    const first = await loggedIn();
    const second = await loggedIn();
    expect(ami.connectionCount).toBe(2);
    ami.dropConnections();
    await first.until(() => first.closed && second.closed);
    await first.until(() => ami.connectionCount === 0);
  });

  it('leaves ignored actions unanswered', async () => {
    const opened = await loggedIn();
    ami.ignoreActions(['Ping']);
    opened.send([['Action', 'Ping'], ['ActionID', 'lost']]);
    await opened.until(() => ami.actions.some((action) => action.fields.some(([, value]) => value === 'lost')));
    ami.ignoreActions([]);
    const answered = await opened.action([['Action', 'Ping']], 'kept');
    expect(header(answered, 'ActionID')).toBe('kept');
    expect(opened.blocks.some((block) => header(block, 'ActionID') === 'lost')).toBe(false);
  });

  it('prints a summary with the address and the number table', () => {
    const summary = ami.summary();
    expect(summary).toContain(`127.0.0.1:${ami.port}`);
    expect(summary).toContain(ami.numbers.busy);
  });
});

describe('AMI simulator: Originate', () => {
  it.each([
    ['another channel', [['Channel', 'PJSIP/123@trunk']], 'Channel must be Local/s@faxout'],
    ['another context', [['Context', 'default']], 'expected Context faxout'],
    ['a synchronous originate', [['Async', 'false']], 'Async must be true'],
    ['a missing DEST', [['Variable', `JOBID=j,FAXFILE=${faxFile}`]], 'must set JOBID, DEST and FAXFILE'],
    ['a missing fax file', [['Variable', `JOBID=j,DEST=+12025550101,FAXFILE=${join(dir, 'absent.tiff')}`]], 'cannot be read'],
    ['a file that is not a TIFF', [['Variable', `JOBID=j,DEST=+12025550101,FAXFILE=${notTiff}`]], 'not a TIFF'],
  ] as Array<[string, AmiPairs, string]>)('refuses %s', async (_name, overrides, message) => {
    const opened = await loggedIn();
    const response = await opened.action(originate('j', ami.numbers.delivered, overrides));
    expect(header(response, 'Response')).toBe('Error');
    expect(header(response, 'Message')).toContain(message);
    expect(ami.originates).toHaveLength(0);
  });

  it('reads variables spread over several Variable headers', async () => {
    const opened = await loggedIn();
    const response = await opened.action(originate('split', ami.numbers.delivered, [['Variable', `JOBID=split,DEST=${ami.numbers.delivered}`]]).concat([['Variable', `FAXFILE=${faxFile},FAXHEADER=Clinic`]]));
    expect(header(response, 'Message')).toBe('Originate successfully queued');
    expect(ami.originateFor('split')?.variables).toEqual(expect.objectContaining({ FAXHEADER: 'Clinic' }));
  });

  it('places a delivered call: answered, FaxResult SUCCESS with the page count, then hangups', async () => {
    const opened = await loggedIn();
    const response = await opened.action(originate('job-ok', ami.numbers.delivered), 'orig-1');
    expect(response).toEqual(expect.arrayContaining([['Response', 'Success'], ['ActionID', 'orig-1'], ['Message', 'Originate successfully queued']]));
    const result = await opened.waitFor((block) => header(block, 'UserEvent') === 'FaxResult');
    expect(result).toEqual(expect.arrayContaining([['JobID', 'job-ok'], ['Status', 'SUCCESS'], ['Pages', '2']]));
    const answered = opened.events('OriginateResponse')[0]!;
    expect(answered).toEqual(expect.arrayContaining([['ActionID', 'orig-1'], ['Response', 'Success'], ['Reason', '4']]));
    await opened.until(() => opened.events('Hangup').length === 3);
    expect(ami.originateFor('job-ok')).toEqual(expect.objectContaining({ dest: ami.numbers.delivered, documentBytes: 20, pages: 2, state: 'ended' }));
  });

  it.each([
    ['busy', 5],
    ['noAnswer', 3],
    ['congestion', 8],
    ['failure', 0],
  ] as const)('fails a call to the %s number with OriginateResponse Reason %i', async (name, reason) => {
    const opened = await loggedIn();
    await opened.action(originate(`job-${name}`, ami.numbers[name]), `orig-${name}`);
    const event = await opened.waitFor((block) => header(block, 'Event') === 'OriginateResponse');
    expect(event).toEqual(expect.arrayContaining([['ActionID', `orig-${name}`], ['Response', 'Failure'], ['Reason', String(reason)]]));
    expect(opened.events('UserEvent')).toEqual([]);
  });

  it('hangs up the hangup-before-fax number without a FaxResult', async () => {
    const opened = await loggedIn();
    await opened.action(originate('job-hup', ami.numbers.hangupBeforeFax));
    await opened.until(() => opened.events('Hangup').length === 3);
    expect(opened.events('OriginateResponse')[0]).toEqual(expect.arrayContaining([['Response', 'Success']]));
    expect(opened.events('Hangup')[0]).toEqual(expect.arrayContaining([['Cause', '16']]));
    expect(opened.events('UserEvent')).toEqual([]);
  });

  it('fails the fax on the fax-failed number with Status FAILED and an Error', async () => {
    const opened = await loggedIn();
    await opened.action(originate('job-ff', ami.numbers.faxFailed));
    const result = await opened.waitFor((block) => header(block, 'UserEvent') === 'FaxResult');
    expect(result).toEqual(expect.arrayContaining([['Status', 'FAILED'], ['Error', 'HANGUP'], ['Pages', '0']]));
  });

  it('keeps the slow number in progress until a Hangup action ends it', async () => {
    const opened = await loggedIn();
    await opened.action(originate('job-slow', ami.numbers.slow, [['ChannelId', 'faxbot-job-slow-1']]));
    await opened.waitFor((block) => header(block, 'Event') === 'OriginateResponse');
    expect(ami.originateFor('job-slow')?.uniqueid).toBe('faxbot-job-slow-1');
    expect(ami.originateFor('job-slow')?.state).toBe('answered');
    const hangup = await opened.action([['Action', 'Hangup'], ['Channel', 'faxbot-job-slow-1']]);
    expect(hangup).toEqual(expect.arrayContaining([['Response', 'Success'], ['Message', 'Channel Hungup']]));
    await opened.until(() => opened.events('Hangup').length === 3);
    expect(ami.originateFor('job-slow')).toEqual(expect.objectContaining({ state: 'ended', hungUp: true }));
    const again = await opened.action([['Action', 'Hangup'], ['Channel', 'faxbot-job-slow-1']]);
    expect(header(again, 'Message')).toBe('No such channel');
  });

  it.each([
    ['originate_failed', 'Originate failed'],
    ['permission_denied', 'Permission denied'],
  ] as const)('answers the next Originate with an error when told to (%s)', async (mode, message) => {
    const opened = await loggedIn();
    ami.failNextOriginate(mode);
    const refused = await opened.action(originate('job-x', ami.numbers.delivered));
    expect(refused).toEqual(expect.arrayContaining([['Response', 'Error'], ['Message', message]]));
    expect(ami.originates).toHaveLength(0);
    const accepted = await opened.action(originate('job-y', ami.numbers.delivered));
    expect(header(accepted, 'Response')).toBe('Success');
  });

  it('swallows the next Originate when told not to respond', async () => {
    const opened = await loggedIn();
    ami.failNextOriginate('no_response');
    opened.send([...originate('job-z', ami.numbers.delivered), ['ActionID', 'silent']]);
    await opened.action([['Action', 'Ping']]);
    expect(opened.blocks.some((block) => header(block, 'ActionID') === 'silent')).toBe(false);
    expect(ami.originates).toHaveLength(0);
  });

  it('sends call events to every logged-in session', async () => {
    const first = await loggedIn();
    const second = await loggedIn();
    await first.action(originate('job-both', ami.numbers.delivered));
    await second.waitFor((block) => header(block, 'UserEvent') === 'FaxResult');
  });
});
