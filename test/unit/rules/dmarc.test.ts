import { describe, expect, it } from 'vitest';
import {
  makeDnsDmarcPolicy,
  needsFromRewrite,
  parseDmarcRecord,
  storedPolicyFirst,
  rewriteFrom,
  type DmarcPolicy,
  type FromRewriteMode,
  type RewriteFromInput,
  type RewrittenFrom,
} from '../../../src/shared/rules/dmarc.ts';

// A fake DNS: TXT records by name; a name mapped to an Error throws it.
function fakeDns(zone: Record<string, string[][] | Error>) {
  const asked: string[] = [];
  const resolveTxt = async (name: string): Promise<string[][]> => {
    asked.push(name);
    const r = zone[name];
    if (r instanceof Error) throw r;
    if (!r) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return r;
  };
  return { resolveTxt, asked };
}
const isNoRecord = (err: unknown) => (err as { code?: string }).code === 'ENOTFOUND';

const zone = {
  '_dmarc.gmail.com': [['v=DMARC1; p=none; sp=quarantine; rua=mailto:mailauth-reports@google.com']],
  '_dmarc.yahoo.com': [['v=DMARC1; p=reject; pct=100; rua=mailto:d@rua.agari.com;']],
  '_dmarc.example.org': [['v=DMARC1;p=quarantine;', ' adkim=r']], // split TXT chunks
  '_dmarc.strict.example': [['v=DMARC1; p=reject; sp=none']],
  '_dmarc.two.example': [['v=DMARC1; p=reject'], ['v=DMARC1; p=none']], // ambiguous
  '_dmarc.broken.example': new Error('queryTxt ESERVFAIL _dmarc.broken.example'),
  '_dmarc.bbc.co.uk': [['v=DMARC1; p=reject; sp=reject']],
  '_dmarc.spf-only.example': [['v=spf1 -all']],
} satisfies Record<string, string[][] | Error>;

describe('makeDnsDmarcPolicy', () => {
  it.each<[string, DmarcPolicy | null, string[]]>([
    ['yahoo.com', 'reject', ['_dmarc.yahoo.com']],
    ['gmail.com', 'none', ['_dmarc.gmail.com']],
    ['GMAIL.COM.', 'none', ['_dmarc.gmail.com']],
    ['example.org', 'quarantine', ['_dmarc.example.org']],
    // no record of its own: the organizational domain's sp= applies
    ['mail.gmail.com', 'quarantine', ['_dmarc.mail.gmail.com', '_dmarc.gmail.com']],
    ['eu.strict.example', 'none', ['_dmarc.eu.strict.example', '_dmarc.strict.example']],
    ['news.bbc.co.uk', 'reject', ['_dmarc.news.bbc.co.uk', '_dmarc.bbc.co.uk']],
    ['two.example', null, ['_dmarc.two.example']],
    ['spf-only.example', null, ['_dmarc.spf-only.example']],
    ['nothing.example', null, ['_dmarc.nothing.example']],
    ['', null, []],
  ])('%j → %s', async (domain, expected, queries) => {
    const dns = fakeDns(zone);
    expect(await makeDnsDmarcPolicy(dns.resolveTxt, isNoRecord)(domain)).toBe(expected);
    expect(dns.asked).toEqual(queries);
  });

  it('throws when DNS fails, rather than answer "no policy"', async () => {
    await expect(makeDnsDmarcPolicy(fakeDns(zone).resolveTxt, isNoRecord)('broken.example')).rejects.toThrow(/ESERVFAIL/);
  });
});

describe('storedPolicyFirst', () => {
  const asked: string[] = [];
  const lookup = async (d: string) => (asked.push(d), 'reject' as const);
  it.each<[string, Parameters<typeof storedPolicyFirst>[0], DmarcPolicy | null, boolean]>([
    ['the policy found at receipt', { result: 'fail', domain: 'yahoo.com', policy: 'reject' }, 'reject', false],
    ['a pass still names the policy', { result: 'pass', domain: 'yahoo.com', policy: 'quarantine' }, 'quarantine', false],
    ['no record at receipt', { result: 'none', domain: 'yahoo.com', policy: null }, null, false],
    ['a DNS error at receipt: ask again', { result: 'temperror', domain: 'yahoo.com', policy: null }, 'reject', true],
    ['a verdict for another domain', { result: 'none', domain: 'evil.example', policy: null }, 'reject', true],
    ['nothing stored', null, 'reject', true],
  ])('%s', async (_name, stored, expected, looked) => {
    asked.length = 0;
    expect(await storedPolicyFirst(stored, lookup)('yahoo.com')).toBe(expected);
    expect(asked.length > 0).toBe(looked);
  });
});

describe('needsFromRewrite', () => {
  const lookup = makeDnsDmarcPolicy(fakeDns(zone).resolveTxt, isNoRecord);
  it.each<[string, FromRewriteMode | undefined, boolean]>([
    ['yahoo.com', undefined, true],
    ['yahoo.com', 'auto', true],
    ['example.org', 'auto', true],
    ['gmail.com', 'auto', false],
    ['mail.gmail.com', 'auto', true],
    ['nothing.example', 'auto', false],
    ['nothing.example', 'always', true],
    ['yahoo.com', 'never', false],
    ['', 'auto', false],
  ])('%j in mode %s → %s', async (domain, mode, expected) => {
    expect(await needsFromRewrite(domain, lookup, mode)).toBe(expected);
  });

  it('lets a failed lookup fail (the copy is retried), and skips lookups it does not need', async () => {
    let calls = 0;
    const throwing = async () => {
      calls++;
      throw new Error('boom');
    };
    await expect(needsFromRewrite('yahoo.com', throwing)).rejects.toThrow('boom');
    expect(await needsFromRewrite('yahoo.com', throwing, 'always')).toBe(true);
    expect(await needsFromRewrite('yahoo.com', throwing, 'never')).toBe(false);
    expect(calls).toBe(1);
  });
});

describe('parseDmarcRecord', () => {
  it.each<[string, boolean, DmarcPolicy | null]>([
    ['v=DMARC1; p=reject', false, 'reject'],
    ['v=DMARC1; p=Quarantine; sp=none', false, 'quarantine'],
    ['v=DMARC1; p=quarantine; sp=none', true, 'none'],
    ['v=DMARC1; p=reject', true, 'reject'],
    ['v=DMARC1; rua=mailto:x@y', false, null],
    ['v=DMARC1; p=bogus', false, null],
    ['p=reject; v=DMARC1', false, null],
    ['v=spf1 include:_spf.google.com ~all', false, null],
  ])('%j (subdomain %s) → %s', (txt, sub, expected) => {
    expect(parseDmarcRecord(txt, sub)).toBe(expected);
  });
});

describe('rewriteFrom', () => {
  it.each<[string, RewriteFromInput, RewrittenFrom]>([
    [
      'named author',
      { authorName: 'Alice Example', authorAddress: 'alice@yahoo.com', listName: 'ICC', listAddress: 'icc@tacit.test' },
      { from: '"Alice Example via ICC" <icc@tacit.test>', replyTo: '"Alice Example" <alice@yahoo.com>' },
    ],
    [
      'author without a name',
      { authorName: null, authorAddress: 'bob@yahoo.com', listName: 'UK branch', listAddress: 'gb@tacit.test' },
      { from: '"bob at yahoo.com via UK branch" <gb@tacit.test>', replyTo: '<bob@yahoo.com>' },
    ],
    [
      'quotes, backslashes and line breaks in names',
      { authorName: 'Carol "CJ"\r\n Jones', authorAddress: 'cj@aol.com', listName: 'London \\ chapter', listAddress: 'gb-london@tacit.test' },
      { from: '"Carol \\"CJ\\" Jones via London \\\\ chapter" <gb-london@tacit.test>', replyTo: '"Carol \\"CJ\\" Jones" <cj@aol.com>' },
    ],
    [
      'non-ASCII name is left for nodemailer to encode',
      { authorName: 'Zoë Łukasiewicz', authorAddress: 'zoe@yahoo.com', listName: 'ICC', listAddress: 'icc@tacit.test' },
      { from: '"Zoë Łukasiewicz via ICC" <icc@tacit.test>', replyTo: '"Zoë Łukasiewicz" <zoe@yahoo.com>' },
    ],
    [
      'replies go to the list: author in Cc',
      { authorName: 'Alice', authorAddress: 'alice@yahoo.com', listName: 'ICC', listAddress: 'icc@tacit.test', replyGoesToList: true },
      { from: '"Alice via ICC" <icc@tacit.test>', replyTo: '<icc@tacit.test>', cc: '"Alice" <alice@yahoo.com>' },
    ],
  ])('%s', (_n, input, expected) => {
    expect(rewriteFrom(input)).toStrictEqual(expected);
  });
});
