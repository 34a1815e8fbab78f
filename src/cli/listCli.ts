import fs from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Context } from '../shared/context.ts';
import { GROUP_LEVELS, OrgError, addGroup, groupTree, renameGroup, setGroupSettings, type GroupLevel } from '../domains/org/groups.ts';
import { ROLES, grantRole, normaliseEmail, revokeRole, upsertMember, type Role } from '../domains/org/members.ts';
import type { ImportReport } from '../domains/org/importMembers.ts';
import { countryCode } from '../shared/rules/countries.ts';
import { LANGUAGES, normalizeLanguage, type Language } from '../shared/rules/language.ts';

/** A --language value: a code Tacit writes in, else a usage error naming them. */
function languageOption(value: string | undefined): Language | undefined {
  if (value === undefined) return undefined;
  const language = normalizeLanguage(value);
  if (!language) throw new UsageError(`Tacit does not write in ${value}; it writes in ${LANGUAGES.join(', ')}`);
  return language;
}
import { UsageError } from './usageError.ts';
import { output, withDatabase, withRuntime } from './withRuntime.ts';

/** Operator commands for groups, members, roles and imports. */
export function registerListCommands(program: Command): void {
  const group = program.command('group').description('groups (international, branches, chapters, committees) and their lists');

  group
    .command('add <slug>')
    .description('create a group and its list SLUG@D (or update it); a new branch or chapter takes in members already living there')
    .requiredOption('--name <title>', 'the group\'s title')
    .option('--parent <slug>', 'the group it belongs to')
    .addOption(new Option('--level <level>', 'where it sits (guessed when left out)').choices(GROUP_LEVELS as string[]))
    .option('--country <cc>', 'country of a branch or chapter (default: the slug of a branch, the parent\'s of a chapter)')
    .option('--city <city>', 'city of a chapter (default: its --name)')
    .option('--language <code>', `the list's language, for its members who chose none (${LANGUAGES.join(', ')})`)
    .option('--json', 'one JSON document')
    .action(async (slug: string, { language: languageInput, ...opts }: { name: string; parent?: string; level?: GroupLevel; country?: string; city?: string; language?: string; json?: boolean }) => {
      const language = languageOption(languageInput);
      await run(async (ctx) => {
        const { group: g, created, placed } = await addGroup(ctx.sql, { slug, ...opts });
        if (language) {
          const { setGroupLanguage } = await import('../domains/org/memberLanguages.ts');
          await setGroupLanguage(ctx.sql, g.slug, language);
        }
        const where = g.level === 'local' ? ` for ${g.city}, ${g.country}` : g.level === 'national' ? ` for ${g.country}` : '';
        output(!!opts.json, { ...g, created, placed }, () =>
          `${created ? 'created' : 'updated'} ${g.slug}@${ctx.config.domain} "${g.name}" (${g.level}${where})` +
          (placed ? `; ${placed} member${placed === 1 ? '' : 's'} living there added` : ''),
        );
      });
    });

  group
    .command('rename <slug>')
    .description('change a group\'s title and/or its list address')
    .option('--name <title>', 'new title')
    .option('--slug <slug>', 'new list name (the address becomes SLUG@D)')
    .action(async (slug: string, opts: { name?: string; slug?: string }) => {
      if (!opts.name && !opts.slug) throw new UsageError('group rename needs --name and/or --slug');
      await run(async (ctx) => {
        const g = await renameGroup(ctx.sql, slug, opts);
        process.stdout.write(`${slug} is now ${g.slug}@${ctx.config.domain} "${g.name}"\n`);
      });
    });

  group
    .command('set <slug>')
    .description('list settings')
    .addOption(new Option('--reply-to <policy>', 'Reply-To of list copies').choices(['author', 'list', 'default']))
    .addOption(new Option('--subscription <policy>', 'who may subscribe by mail').choices(['open', 'closed']))
    .addOption(new Option('--posting <policy>', 'who posts without moderation: members, owners (announcements), moderated (nobody)').choices(['members', 'owners', 'moderated']))
    .addOption(new Option('--archive <visibility>', 'who reads the archive on the web: public, members (default), off').choices(['public', 'members', 'off']))
    .addOption(new Option('--decisions <visibility>', 'who reads the decisions on the web: public, members (default)').choices(['public', 'members']))
    .addOption(new Option('--objections <naming>', "consultations quote objections with the objector's name (named) or without (anonymous, default)").choices(['named', 'anonymous']))
    .action(async (slug: string, opts: Parameters<typeof setGroupSettings>[2]) => {
      await run(async (ctx) => {
        await setGroupSettings(ctx.sql, slug, opts);
        process.stdout.write(`${slug} updated\n`);
      });
    });

  const listGroups = async (opts: { json?: boolean }) => {
    // Read-only: the database alone, no queues or domains wired.
    await withDatabase(async (sql, config) => {
      const groups = await groupTree(sql);
      output(!!opts.json, groups, () =>
        groups.length === 0
          ? 'no groups yet: tacit group add SLUG --name "Title"'
          : groups
              .map((g) => `${'  '.repeat(g.depth)}${g.slug}@${config.domain}  "${g.name}"  ${g.level}${g.country ? ` ${g.country}` : ''}${g.city ? ` ${g.city}` : ''}  ${g.members} member${g.members === 1 ? '' : 's'}`)
              .join('\n'),
      );
    });
  };
  group.command('list').description('every group as a tree, with member counts').option('--json', 'one JSON document').action(listGroups);
  program.command('lists').description('every list as a tree, with member counts').option('--json', 'one JSON document').action(listGroups);

  const member = program.command('member').description('members');
  member
    .command('add <email>')
    .description('add a member (idempotent); a residence places them as joining does')
    .option('--name <name>', 'full name', '')
    .option('--country <cc>', 'country of residence')
    .option('--city <city>', 'city of residence')
    .option('--list <slug>', 'also subscribe to this list (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--language <code>', `the language Tacit writes to them in (${LANGUAGES.join(', ')}); else their list's, else their country's`)
    .option('--json', 'one JSON document')
    .action(async (email: string, opts: { name: string; country?: string; city?: string; list: string[]; language?: string; json?: boolean }) => {
      const country = opts.country ? countryCode(opts.country) : undefined;
      if (opts.country && !country) throw new UsageError(`not a country: ${opts.country}`);
      const language = languageOption(opts.language);
      // A command's modules are imported when it runs (main.ts).
      const { enrolMember } = await import('../domains/org/enrol.ts');
      await run(async (ctx) => {
        const e = await enrolMember(ctx.sql, { email, name: opts.name, country, city: opts.city ?? null, lists: opts.list });
        if (language) {
          const { setMemberLanguage } = await import('../domains/org/memberLanguages.ts');
          await setMemberLanguage(ctx.sql, e.member.email, language);
        }
        output(!!opts.json, { email: e.member.email, created: e.created, lists: e.memberships.map((m) => m.slug), waiting: e.waiting }, () =>
          `${e.created ? 'added' : 'updated'} ${e.member.email}: ${e.memberships.map((m) => m.slug).join(', ') || 'no lists'}` +
          (e.waiting ? ` (waiting for a chapter in ${e.member.city})` : ''),
        );
      });
    });

  const role = program.command('role').description('owners, moderators and coordinators of lists');
  for (const [verb, grant] of [['grant', true], ['revoke', false]] as const) {
    role
      .command(`${verb} <email> <role> <slug>`)
      .description(`${verb} owner|moderator|coordinator on a list`)
      .action(async (email: string, roleName: string, slug: string) => {
        if (!ROLES.includes(roleName as Role)) throw new UsageError(`role must be one of ${ROLES.join(', ')}`);
        await run(async (ctx) => {
          const m = await upsertMember(ctx.sql, { email: normaliseEmail(email) });
          if (grant) await grantRole(ctx.sql, m.id, roleName as Role, slug);
          else if (!(await revokeRole(ctx.sql, m.id, roleName as Role, slug))) throw new OrgError(`${m.email} was not ${roleName} of ${slug}`);
          process.stdout.write(`${m.email} ${grant ? 'is now' : 'is no longer'} ${roleName} of ${slug.toLowerCase()}\n`);
        });
      });
  }

  program
    .command('import <file>')
    .description('members from CSV: email,name,country,city[,lists[,language]]; safe to run again')
    .option('--json', 'one JSON document (refused rows included)')
    .action(async (file: string, opts: { json?: boolean }) => {
      if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const [{ default: cliProgress }, { importMembers }] = await Promise.all([import('cli-progress'), import('../domains/org/importMembers.ts')]);
      await run(async (ctx) => {
        const size = fs.statSync(file).size;
        const input = fs.createReadStream(file);
        const bar = process.stderr.isTTY && !opts.json
          ? new cliProgress.SingleBar({ format: 'importing [{bar}] {percentage}% | {rows} rows', stream: process.stderr }, cliProgress.Presets.shades_classic)
          : null;
        bar?.start(size, 0, { rows: 0 });
        let rowsSoFar = 0;
        const report = await importMembers(ctx.sql, input, {
          onBatch: (rows) => {
            rowsSoFar = rows;
            bar?.update(input.bytesRead, { rows });
          },
          onRefused: (line, reason) => {
            if (opts.json) return;
            // Printed as they come, above the bar, so a long import shows its problems early.
            bar?.stop();
            process.stderr.write(`line ${line}: refused: ${reason}\n`);
            bar?.start(size, input.bytesRead, { rows: rowsSoFar });
          },
        });
        bar?.update(size, { rows: report.rows });
        bar?.stop();
        output(!!opts.json, report, () => describeImport(report));
      });
    });

  program
    .command('waiting')
    .description('members waiting for a chapter, per city: where a chapter could start')
    .option('--json', 'one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const { waitingForChapter } = await import('../domains/org/residence.ts');
      await withDatabase(async (sql) => {
        const rows = await waitingForChapter(sql);
        output(!!opts.json, rows, () =>
          rows.length === 0
            ? 'nobody is waiting for a chapter'
            : rows.map((r) => `${String(r.members).padStart(6)}  ${r.city}, ${r.country}${r.branch ? '' : '  (no branch yet)'}`).join('\n'),
        );
      });
    });
}

function describeImport(r: ImportReport): string {
  const lines = [
    `${r.rows} rows read: ${r.added} members added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.refused} refused`,
  ];
  if (r.skippedLeft) lines.push(`${r.skippedLeft} had left by mail and were not put back on their lists`);
  return lines.join('\n');
}

/** Runs against the configured database; a mistake in the operator's input becomes one line and exit code 2. */
async function run(fn: (ctx: Context) => Promise<void>): Promise<void> {
  try {
    await withRuntime(async (runtime) => fn(runtime.ctx));
  } catch (err) {
    if (err instanceof OrgError) throw new UsageError(err.message);
    throw err;
  }
}
