/**
 * The import direction of Tacit (docs/architecture.md, "Floors"). Each floor
 * imports only from its own floor or the floors below it:
 *
 *   entry points      workers/, bin/, src/cli/
 *   composition root  src/app/            builds the Context and its wiring, starts everything
 *   adapters          src/http/, src/pipeline/ingest/
 *   domains           src/domains/*       what Tacit decides; they plug into routing
 *   routing           src/pipeline/routing/
 *   outbound          src/pipeline/outbound/
 *   decisions         src/decisions/      (pure) decision methods and counting
 *   reading           src/reading/        (pure) the new text of a reply and the stance in it
 *   shared            src/shared/         the ground floor: Context, config, db, log, queue, rules
 *
 * Flow and imports differ in one place: a message flows routing → domain, but
 * routing never imports a domain; the domains' handlers reach it through the
 * Context's wiring, which only the composition root builds.
 *
 * test/unit/architecture.test.ts runs this file over src/, workers/ and bin/
 * and fails on any violation; it also runs it over test/fixtures/architecture/,
 * a tree that breaks every rule once. No rule has an exception.
 */

const FLOORS = [
  ['entry-points', '^(workers|bin|src/cli)/'],
  ['the-composition-root', '^src/app/'],
  ['adapters', '^src/(http|pipeline/ingest)/'],
  ['domains', '^src/domains/'],
  ['routing', '^src/pipeline/routing/'],
  ['outbound', '^src/pipeline/outbound/'],
  ['decisions', '^src/decisions/'],
  ['reading', '^src/reading/'],
  ['shared', '^src/shared/'],
];

/** Pure folders: no I/O, not even at load time. */
const PURE = '^src/(reading|decisions|shared/rules|domains/[^/]+/rules)/';
const IO_MODULES = [
  '^(node:)?(fs|fs/promises|net|tls|dns|dns/promises|http|https|http2|child_process|dgram|cluster|worker_threads)$',
  // nodemailer's addressparser is a pure string parser; the rest of nodemailer sends mail.
  '^node_modules/(postgres|ioredis|bullmq|imapflow|smtp-server)/',
  '^node_modules/nodemailer/(?!dist/esm/addressparser/|lib/addressparser/)',
  '^src/(shared/(db|queue|services|log)|app|pipeline)/',
];

/** One rule per floor: nothing on it imports a floor above it. */
const floorRules = FLOORS.slice(1).map(([name, path], i) => ({
  name: `${name}-imports-no-floor-above`,
  comment: `${name.replace(/-/g, ' ')} import only from their own floor and the floors below (see the top of this file).`,
  severity: 'error',
  from: { path },
  to: { path: FLOORS.slice(0, i + 1).map(([, above]) => above) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle hides which module is the lower one; split the shared part into its own file.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'nothing-in-src-imports-workers',
      comment: 'workers/ holds thin entry points that start what src/ defines; the library never depends on them.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^workers/' },
    },
    {
      name: 'only-entry-points-import-the-composition-root',
      comment: 'src/app builds the Context and the wiring: everything else is handed what it needs.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app|cli)/' },
      to: { path: '^src/app/' },
    },
    ...floorRules,
    {
      name: 'ingest-stores-and-hands-over',
      comment: 'Ingest stores a message and queues its routing; it knows no domain and sends nothing.',
      severity: 'error',
      from: { path: '^src/pipeline/ingest/' },
      to: { path: ['^src/domains/', '^src/pipeline/outbound/'] },
    },
    {
      name: 'http-reaches-queues-through-context',
      comment: 'The HTTP endpoint is an adapter: it reaches Redis through the Context it is given.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/shared/queue/' },
    },
    {
      name: 'pure-folders-do-no-io',
      comment: 'Pure folders hold functions tested by tables: no I/O, not even at load time.',
      severity: 'error',
      from: { path: PURE },
      to: { path: IO_MODULES },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
