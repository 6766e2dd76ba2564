import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAX_RESULT_FIELDS } from './call-outcome';
import { INBOUND_PAYLOAD_FIELDS } from './inbound/inbound-payload';

// The example Asterisk configuration operators copy: docs/asterisk at the repository root.
const docsDir = join(__dirname, '..', '..', '..', '..', 'docs', 'asterisk');
const files = readdirSync(docsDir).filter((name) => /\.(conf|md)$/.test(name));
const read = (name: string) => readFileSync(join(docsDir, name), 'utf8');
const dialplan = read('extensions.conf');

/** Lines that set a credential-like key: `secret = …`, `password=…`, `X-Internal-Secret: …`. */
const CREDENTIAL = /(?:^|[\s;'"])(secret|password|passwd|auth_password|md5_cred|apikey|api_key|token|x-internal-secret)\s*[=:]\s*(\S.*)$/i;
const PLACEHOLDER = /^<[A-Z][A-Z0-9_]*>['"]?;?$/;

/** Lines of `text` that give a credential-like key a value other than a `<PLACEHOLDER>`. */
function credentialLines(text: string): string[] {
  const offending: string[] = [];
  for (const line of text.split('\n')) {
    const found = CREDENTIAL.exec(line);
    if (found === null) continue;
    // A .conf value ends at a `;` comment; the placeholder must be the whole first word.
    const value = (found[2] ?? '').split(/\s+;/)[0]?.trim() ?? '';
    const firstWord = value.split(/\s+/)[0] ?? '';
    const onlyWord = value === firstWord || /^<[A-Z][A-Z0-9_]*>['"]?$/.test(value);
    // `%s` is the printf slot the README fills from the operator's secret store.
    if (!(PLACEHOLDER.test(firstWord) && onlyWord) && !/^%s/.test(firstWord)) offending.push(line);
  }
  return offending;
}

describe('docs/asterisk example configuration', () => {
  it('has the four configuration files and the guide', () => {
    expect(files).toEqual(expect.arrayContaining(['extensions.conf', 'manager.conf', 'pjsip.conf', 'udptl.conf', 'README.md']));
  });

  it.each([
    ['secret = hunter2'],
    ['password=abc123 ; trunk'],
    ["printf 'X-Internal-Secret: 3f9a0c51d2e84b7a'"],
    ['auth_password = "<OK>" extra'],
  ])('the credential check itself flags %j', (line) => {
    expect(credentialLines(line)).toEqual([line]);
  });

  it.each(files)('%s holds placeholders only where credentials go', (name) => {
    expect(credentialLines(read(name))).toEqual([]);
  });

  it('never contains the well-known default AMI password', () => {
    for (const name of files) expect(read(name).toLowerCase()).not.toMatch(/secret\s*=\s*changeme/);
  });

  it('emits the FaxResult UserEvent with exactly the fields the plugin reads', () => {
    const userEvents = [...dialplan.matchAll(/UserEvent\(FaxResult,([^\n]*)\)\s*$/gm)].map((match) => match[1] ?? '');
    expect(userEvents.length).toBeGreaterThanOrEqual(3);
    for (const body of userEvents) {
      const fields = [...body.matchAll(/(?:^|,)([A-Za-z]+):/g)].map((match) => match[1]);
      expect(fields).toEqual([...FAX_RESULT_FIELDS]);
    }
  });

  it('uses the Originate variables the plugin sets, in the [faxout] context', () => {
    expect(dialplan).toMatch(/^\[faxout\]$/m);
    for (const variable of ['JOBID', 'DEST', 'FAXFILE', 'FAXHEADER', 'LOCALSTATIONID']) expect(dialplan).toContain(`\${${variable}}`);
    expect(dialplan).toMatch(/Dial\(PJSIP\/\$\{DEST\}@[^,]+,\d+,U\(faxsend\^\$\{FAXFILE\}\^\$\{JOBID\}\)\)/);
    expect(dialplan).toMatch(/SendFAX\(\$\{ARG1\}/);
  });

  it('posts inbound faxes with the body fields and the header the plugin checks', () => {
    const curl = dialplan.split('\n').find((line) => line.includes('System(curl')) ?? '';
    const json = /--data '(\{[^']*\})'/.exec(curl)?.[1] ?? '';
    expect(Object.keys(JSON.parse(json.replace(/\$\{[^}]*\}/g, 'x')) as Record<string, unknown>)).toEqual([...INBOUND_PAYLOAD_FIELDS]);
    expect(curl).toContain('-H @${FAXBOT_SECRET_HEADER}');
    expect(dialplan).toContain('/_internal/asterisk/inbound');
    expect(read('README.md')).toContain('X-Internal-Secret: %s');
  });

  it('keeps AMI on loopback with the least privileges', () => {
    const manager = read('manager.conf');
    expect(manager).toMatch(/^bindaddr = 127\.0\.0\.1$/m);
    expect(manager).toMatch(/^deny = 0\.0\.0\.0\/0\.0\.0\.0$/m);
    expect(manager).toMatch(/^read = call,user$/m);
    expect(manager).toMatch(/^write = originate,call$/m);
  });

  it('enables T.38 on the trunk', () => {
    expect(read('pjsip.conf')).toMatch(/^t38_udptl = yes$/m);
  });
});
