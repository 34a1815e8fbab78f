import { foldLines } from 'nodemailer/lib/mime-funcs/index.js';

/**
 * A prepared header value folded as its field will be written ("Name: " then
 * the value): lines of at most 76 characters where the value has spaces to
 * break at. foldLines may break right after the colon when the first word is
 * long (a List-Unsubscribe URI); the value then starts on the field's own
 * line instead, since "Name: " followed by the fold would leave a line of
 * only the name (and cutting the fold in two left a bare LF).
 */
export function foldedValue(name: string, value: string): string {
  const folded = foldLines(`${name}: ${value}`, 76).slice(name.length + 1);
  return folded.startsWith(' ') ? folded.slice(1) : folded.replace(/^\r\n[ \t]/, '');
}
