import { describe, expect, it } from 'vitest';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { buildRaw } from '../../../src/pipeline/outbound/compose/compose.ts';
import { buildByteTemplate, type Slots } from '../../../src/pipeline/outbound/compose/byteTemplate.ts';

/**
 * A byte template encodes the lines without a member's value once and the
 * others per copy: each copy must still be the bytes nodemailer writes for
 * the whole text, whatever the lines around a value (long ones wrapped with
 * soft breaks, trailing spaces, non-ASCII) and whatever the value's length.
 */
const date = new Date('2026-12-06T12:00:00Z');

function message(text: string, html: string | undefined, to: string): Mail.Options {
  return { from: 'Tacit <request@example.org>', to, subject: 'A question', messageId: '<m-1@example.org>', date, textEncoding: 'quoted-printable', text, ...(html === undefined ? {} : { html }) };
}

const CR = '\r\n';
const long = 'word '.repeat(40).trim();
const TEXTS: ((v: (name: string) => string) => string)[] = [
  (v) => `Hello ${v('name')},${CR}${CR}Plain short lines.${CR}Your code: ${v('code')}${CR}`,
  (v) => `Hello ${v('name')},${CR}${long}${CR}Reply to ${v('code')} before Friday.${CR}${long} ${v('name')} ${long}${CR}End`,
  (v) => `Déjà vu — ${v('name')}   ${CR}trailing spaces   ${CR}${'é'.repeat(60)}${v('code')}${'x'.repeat(50)}${CR}.${CR}`,
  (v) => `${v('name')}${CR}${'a'.repeat(75)}${CR}${'b'.repeat(77)}${CR}${'=ü'.repeat(40)}${CR}`,
  // Bare line feeds, as templates write them: wrap's windows run across short lines.
  (v) => `Hi ${v('name')},\n\nA short line.\n${long}\nok\n${long} ${v('code')}\n${'ß'.repeat(30)} ${v('name')}\nbye  \n`,
  (v) => `${v('name')}\n${'word '.repeat(9)}\n${'x'.repeat(60)} ${v('code')}\nmixed\r\nends\r`,
];
const VALUES = [
  { name: 'Ann', code: 'K7Q' },
  { name: 'Zoë Łódź-Kowalska', code: 'x'.repeat(90) },
  { name: 'O\'Brien "Bob" = Co  ', code: 'é ü —' },
  { name: '', code: '' },
];

describe('byte templates of texts whose lines are encoded one by one', () => {
  for (const [t, text] of TEXTS.entries()) {
    for (const withHtml of [false, true]) {
      it(`text ${t + 1}${withHtml ? ' with HTML' : ''}: every copy as nodemailer writes it`, async () => {
        const html = (v: (n: string) => string) => `<p>${text(v).replaceAll(CR, `<br>${CR}`)}</p>`;
        const template = await buildByteTemplate((slots: Slots) =>
          message(text((n) => slots.slot(n)), withHtml ? html((n) => slots.slot(n)) : undefined, 'member@example.org'));
        for (const values of VALUES) {
          const filled = template.fill({ values, date }).toString('utf8');
          const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;').replaceAll('`', '&#x60;').replaceAll('=', '&#x3D;');
          const own = message(text((n) => values[n as keyof typeof values]), withHtml ? html((n) => escape(values[n as keyof typeof values])) : undefined, 'member@example.org');
          const composed = (await buildRaw(own)).toString('utf8');
          const sameBoundary = (raw: string) => raw.replace(/--_NmP-[0-9a-f]+-Part_/g, '--_NmP-B-Part_').replace(/boundary="[^"]+"/, 'boundary="B"');
          expect(sameBoundary(filled), JSON.stringify(values)).toBe(sameBoundary(composed));
        }
      });
    }
  }
});
