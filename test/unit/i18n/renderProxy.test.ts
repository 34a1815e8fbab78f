import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/shared/rules/language.ts';
import { renderMail, TEMPLATE_DIR } from '../../../src/shared/templates/render.ts';
import { LOCALE_DIR, takeMissingTranslations } from '../../../src/shared/i18n/catalogue.ts';
import { formatInZone } from '../../../src/shared/rules/formatUtc.ts';
import { motion, proxyAnswerSamples, proxySamples } from '../../helpers/i18nProxySamples.ts';

/**
 * The proxy mails and the `proxy`/`proxies`/`digest` answers (issue 23 item
 * 2) in every language, with realistic data: no key falls back to English,
 * the templates write no words of their own, and no English sentence of
 * their catalogues (proxy.json, digestcmd.json) is left, not even the words
 * between a message's values.
 */
const PROXY_TEMPLATES = ['proxy-ballots', 'proxy-receipt', 'proxy-cast', 'proxy-ballot-held', 'proxy-request', 'proxy-notice'];
const all = (lang: (typeof LANGUAGES)[number]) => [...proxySamples(lang), ...proxyAnswerSamples(lang)];

/** The prose a template writes itself once its expressions and partials are out: what no translator could reach. */
function literalWords(source: string): string[] {
  const text = source.replace(/^Subject:/, '').replace(/\{\{!--[\s\S]*?--\}\}/g, '').replace(/\{\{[\s\S]*?\}\}/g, ' ');
  return text.match(/\p{L}{2,}/gu) ?? [];
}

/** The English words of an area's messages between their values: runs of three words or more, line by line. */
function englishFragments(area: string): string[] {
  const messages = Object.values(JSON.parse(fs.readFileSync(path.join(LOCALE_DIR, 'en', `${area}.json`), 'utf8')) as Record<string, string>);
  const fragments = messages.flatMap((m) => m.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\n/));
  return [...new Set(fragments.map((f) => f.trim()).filter((f) => f.split(/\s+/).length >= 3))];
}

describe('the proxy mails', () => {
  it('cover every proxy template, and write no words of their own', () => {
    expect([...new Set(proxySamples('en').map((s) => s.template))].sort()).toEqual([...PROXY_TEMPLATES].sort());
    const literal = PROXY_TEMPLATES.map((name) => [name, literalWords(fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.text.hbs`), 'utf8'))] as const)
      .filter(([, words]) => words.length)
      .map(([name, words]) => `${name}: ${words.join(' ')}`);
    expect(literal).toEqual([]);
  });

  it.each([...LANGUAGES])('render in %s with every key in the language itself', (lang) => {
    takeMissingTranslations();
    for (const { template, data } of all(lang)) {
      const mail = renderMail(template, data);
      expect(mail.subject.length, template).toBeGreaterThan(0);
      expect(mail.text, template).not.toMatch(/\{\{|\}\}|undefined|\[object Object\]|NaN/);
    }
    expect(takeMissingTranslations(), `keys that fell back to English in ${lang}`).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('in %s leave no English words of proxy.json or digestcmd.json', (lang) => {
    const fragments = [...englishFragments('proxy'), ...englishFragments('digestcmd')];
    expect(fragments.length).toBeGreaterThan(60);
    for (const { template, data } of all(lang)) {
      const mail = renderMail(template, data);
      const left = fragments.filter((f) => `${mail.subject}\n${mail.text}`.includes(f));
      expect(left, `${template} (${lang})`).toEqual([]);
    }
  });

  it('read as before in English: the ballots mail, the receipt and the answers', () => {
    const byTemplate = (name: string) => proxySamples('en').filter((s) => s.template === name).map((s) => renderMail(s.template, s.data));
    const [many, one] = byTemplate('proxy-ballots');
    expect(many!.subject).toBe('Ballots you hold as proxy in C-44: Adopt the new statutes?');
    expect(many!.text).toContain('Hello Camille,\n\nA vote has opened on Lyon (Rhône) (C-44), and you hold the ballots of:\n');
    expect(many!.text).toContain('  Ana Duval <ana@example.org>\n    vote for them by writing to: proxy+44x1_');
    expect(one!.text).toContain('Hello,\n\nA vote has opened on Lyon (Rhône) (C-44), and you hold the ballot of:\n');
    expect(one!.text).toContain('Replying to this mail goes to that address.');
    const [recorded, own, unreadable] = byTemplate('proxy-receipt');
    expect(recorded!.subject).toBe('Recorded for ana@example.org: C-44: Adopt the new statutes?');
    expect(recorded!.text).toContain('It counts unless ana@example.org votes themselves before the deadline.');
    expect(own!.text).toContain('ana@example.org has voted themselves: their own ballot counts, not yours.');
    expect(unreadable!.subject).toBe('Not recorded for ana@example.org: C-44: Adopt the new statutes?');
    expect(byTemplate('proxy-request')[0]!.subject).toBe('Will you be the proxy of Ana Duval?');
    expect(byTemplate('proxy-request')[1]!.text).toContain('ana@example.org asks you to be their proxy for\nthe formal votes of fr-lyon.');
    expect(byTemplate('proxy-notice')[0]!.subject).toBe('Re: Re: C-44');
    expect(byTemplate('proxy-notice')[3]!.subject).toBe('Your proxy');
  });

  it('in French: the ballots mail, the cast notice with the deadline on the member\'s clock, and the answers', () => {
    const mails = [...all('fr')].map((s) => ({ template: s.template, mail: renderMail(s.template, s.data) }));
    const ballots = mails.find((m) => m.template === 'proxy-ballots')!.mail;
    expect(ballots.subject).toBe('Bulletins que vous tenez par procuration dans C-44 : Adopt the new statutes?');
    expect(ballots.text).toContain('Bonjour Camille,\n\nUn vote s\'est ouvert sur Lyon (Rhône) (C-44), et vous tenez les bulletins de :\n');
    expect(ballots.text).toContain('    votez pour ce membre en écrivant à : proxy+44x1_');
    const cast = mails.find((m) => m.template === 'proxy-cast')!.mail;
    expect(cast.subject).toBe('Votre mandataire a voté pour vous : C-44 : Adopt the new statutes?');
    expect(cast.text).toContain(`(${formatInZone(motion.deadline, 'Europe/Paris', 'fr')})`);
    const answer = mails.find((m) => m.template === 'request-results')!.mail.text!;
    expect(answer).toContain('> proxies\nVous tenez les votes de : ana@example.org (les votes formels de toutes les listes), bo@example.org (les votes formels de fr-lyon).');
    expect(answer).toContain('> proxy off\nEn attente de votre confirmation : répondez « oui » à ce message pour mettre fin à vos procurations.');
    expect(answer).toContain('> digest off\nVous ne recevrez plus le résumé hebdomadaire.');
    const request = mails.find((m) => m.template === 'proxy-request')!.mail;
    expect(request.subject).toBe('Voulez-vous être le mandataire de Ana Duval ?');
    expect(request.text).toContain('répondez « oui » à ce message');
  });
});
