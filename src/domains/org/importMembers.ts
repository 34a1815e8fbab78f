import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Sql } from '../../shared/db/database.ts';
import { countryCode } from '../../shared/rules/countries.ts';
import { isEmailAddress } from './members.ts';
import { canonicalAddress } from '../../shared/rules/domains.ts';
import { placeByResidence } from './residence.ts';
import { normalizeLanguage } from '../../shared/rules/language.ts';

/**
 * `tacit import FILE.csv`: members from a CSV file of any size. Rows are
 * streamed and applied in batches with set-based SQL (one upsert, one
 * placement, one list insert per batch), so memory stays flat and 10,000
 * rows take a second or two. Running the same file again adds nobody twice,
 * and does not put back members who have left (or left one list) since.
 *
 * Columns: email,name,country,city[,lists[,language]] (a header row may name them in
 * any order; without one, the order is this, or name,email,...).
 * `lists` holds list names separated by spaces, ";" or "|"; `language` is a
 * code Tacit writes in (fr, de, …), the member's own choice (rules/language.ts).
 */
export interface ImportRow {
  line: number;
  email: string;
  name: string;
  country: string | null;
  city: string | null;
  lists: string[];
  /** The member's chosen language, when the row has one. */
  language?: string;
}

export interface ImportReport {
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Members who left (by mail) and whom the import did not put back. */
  skippedLeft: number;
  refused: number;
  /** The first refusals (all of them go to onRefused). */
  refusals: { line: number; reason: string }[];
}

export interface ImportOptions {
  batchSize?: number;
  onRefused?: (line: number, reason: string) => void;
  /** Called after each batch with the rows read so far. */
  onBatch?: (rows: number) => void;
}

type Columns = { email: number; name: number; country: number; city: number; lists: number; language?: number };
const POSITIONAL: Columns = { email: 0, name: 1, country: 2, city: 3, lists: 4, language: 5 };
const HEADER_NAMES: Record<string, keyof Columns> = {
  email: 'email', 'e-mail': 'email', mail: 'email', address: 'email', 'email address': 'email',
  name: 'name', 'full name': 'name', fullname: 'name',
  country: 'country', city: 'city', town: 'city', lists: 'lists', list: 'lists',
  language: 'language', lang: 'language', locale: 'language',
};

/** The column layout from the first record, or null when it is data (positional). */
export function readHeader(record: string[]): Columns | null {
  const keys = record.map((c) => HEADER_NAMES[c.trim().toLowerCase()]);
  if (!keys.includes('email')) return null;
  const columns: Columns = { email: -1, name: -1, country: -1, city: -1, lists: -1 };
  keys.forEach((k, i) => {
    if (k && (columns[k] ?? -1) === -1) columns[k] = i;
  });
  return columns;
}

/** Positional layout: email first, unless the address is plainly in the second column. */
export function positionalColumns(record: string[]): Columns {
  return !record[0]?.includes('@') && record[1]?.includes('@') ? { ...POSITIONAL, email: 1, name: 0 } : POSITIONAL;
}

/** One record as a row to import, or the reason it is refused. */
export function readRow(record: string[], columns: Columns, line: number, knownLists: ReadonlySet<string>): ImportRow | { refused: string } {
  const cell = (i: number) => (i >= 0 ? (record[i] ?? '').trim() : '');
  const email = canonicalAddress(cell(columns.email));
  if (!email) return { refused: 'no email address' };
  if (!isEmailAddress(email)) return { refused: `not an email address: ${email.slice(0, 100)}` };
  const countryInput = cell(columns.country);
  const city = cell(columns.city).replace(/\s+/g, ' ');
  const country = countryInput ? countryCode(countryInput) : undefined;
  if (countryInput && !country) return { refused: `unknown country: ${countryInput.slice(0, 60)}` };
  if (city && !country) return { refused: 'a city needs a country' };
  const lists = cell(columns.lists).toLowerCase().split(/[\s;|,]+/).filter(Boolean).map((l) => l.replace(/@.*$/, ''));
  const unknown = lists.filter((l) => !knownLists.has(l));
  if (unknown.length) return { refused: `no list named ${unknown.join(', ')}` };
  const languageInput = columns.language === undefined ? '' : cell(columns.language);
  const language = normalizeLanguage(languageInput);
  if (languageInput && !language) return { refused: `Tacit does not write in ${languageInput.slice(0, 20)}` };
  return { line, email, name: cell(columns.name).replace(/\s+/g, ' ').slice(0, 200), country: country ?? null, city: city || null, lists, ...(language ? { language } : {}) };
}

export async function importMembers(sql: Sql, input: Readable, options: ImportOptions = {}): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 1000;
  const report: ImportReport = { rows: 0, added: 0, updated: 0, unchanged: 0, skippedLeft: 0, refused: 0, refusals: [] };
  const refuse = (line: number, reason: string) => {
    report.refused++;
    if (report.refusals.length < 100) report.refusals.push({ line, reason });
    options.onRefused?.(line, reason);
  };
  const knownLists = new Set((await sql`select slug from groups`).map((r) => r.slug as string));

  const parser = input.pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true, info: true }),
  );
  let columns: Columns | null = null;
  let batch: ImportRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const counts = await applyBatch(sql, batch);
    report.added += counts.added;
    report.updated += counts.updated;
    report.unchanged += counts.unchanged;
    report.skippedLeft += counts.skippedLeft;
    batch = [];
    options.onBatch?.(report.rows);
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = readHeader(record);
        if (columns) continue;
        columns = positionalColumns(record);
      }
      report.rows++;
      const row = readRow(record, columns, info.lines, knownLists);
      if ('refused' in row) refuse(info.lines, row.refused);
      else batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
  } catch (err) {
    // A broken file (unclosed quote...) stops the import where it broke; what came before is kept.
    await flush();
    const line = (err as { lines?: number }).lines ?? report.rows;
    refuse(line, `unreadable CSV from here on: ${(err as Error).message}`);
    return report;
  }
  await flush();
  return report;
}

/** One batch in one transaction: upsert members, place them by residence, add their lists. */
async function applyBatch(sql: Sql, rows: ImportRow[]) {
  // The same address twice in a batch: the later row wins (and lists add up), as a second run would do.
  const byEmail = new Map<string, ImportRow>();
  for (const row of rows) {
    const earlier = byEmail.get(row.email);
    byEmail.delete(row.email);
    byEmail.set(row.email, earlier ? { ...row, lists: [...new Set([...earlier.lists, ...row.lists])] } : row);
  }
  const unique = [...byEmail.values()];
  const emails = unique.map((r) => r.email);
  return sql.begin(async (tx) => {
    const changed = await tx`
      insert into members (email, name, country, city, language)
      select * from unnest(${emails}::text[], ${unique.map((r) => r.name)}::text[],
                           ${unique.map((r) => r.country) as string[]}::text[], ${unique.map((r) => r.city) as string[]}::text[],
                           ${unique.map((r) => r.language ?? null) as string[]}::text[])
      on conflict (email) do update set
        name = case when excluded.name <> '' then excluded.name else members.name end,
        country = coalesce(excluded.country, members.country),
        city = coalesce(excluded.city, members.city),
        language = coalesce(excluded.language, members.language)
      where (members.name, members.country, members.city, members.language) is distinct from
            (case when excluded.name <> '' then excluded.name else members.name end,
             coalesce(excluded.country, members.country), coalesce(excluded.city, members.city), coalesce(excluded.language, members.language))
      returning (xmax = 0) as inserted`;
    const added = changed.filter((r) => r.inserted).length;
    const all = await tx`select id, email, left_at is not null as left from members where email = any(${emails})`;
    const active = all.filter((r) => !r.left);
    const ids = new Map(active.map((r) => [r.email as string, r.id as number]));
    await placeByResidence(tx, [...ids.values()]);
    const pairs = unique.flatMap((r) => (ids.has(r.email) ? r.lists.map((l) => [ids.get(r.email)!, l] as const) : []));
    if (pairs.length) {
      await tx`
        insert into memberships (group_id, member_id)
        select g.id, p.member_id from unnest(${pairs.map((p) => p[0])}::bigint[], ${pairs.map((p) => p[1])}::text[]) as p(member_id, slug)
        join groups g on g.slug = p.slug
        where not exists (select 1 from unsubscriptions u where u.member_id = p.member_id and u.group_id = g.id)
        on conflict do nothing`;
    }
    return {
      added,
      updated: changed.length - added,
      unchanged: unique.length - changed.length,
      skippedLeft: all.length - active.length,
    };
  });
}
