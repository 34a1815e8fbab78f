/**
 * The import direction of Tacit (docs/architecture.md, "Import direction"):
 *
 *   entry points (src/app, src/cli, src/http, workers)
 *     → src/pipeline/ingest → src/pipeline/routing → src/domains/* → src/pipeline/outbound
 *       → src/shared/* (config, db, log, queue, services, templates, rules)
 *
 * A stage imports only stages below it. Domains plug into routing by
 * registering a handler (from their register.ts); they never call the router.
 * Pure rule folders import nothing that does I/O. No cycles.
 *
 * test/unit/architecture.test.ts runs this file and fails on any violation.
 * `KNOWN` lists today's violations by name, each with why it is still there:
 * remove an entry once its import is gone (the test then keeps it gone).
 */

const DOMAINS = '^src/domains/';
const ENTRY = '^(src/(app|cli|http)/|workers/|bin/)';
const PURE_RULES = '^src/(shared/rules|domains/consultations/rules|reading|decisions)/';
/** The context type every stage receives: a type, not a dependency on the entry points. */
const CONTEXT_TYPE = '^src/shared/context\\.ts$';
const IO_MODULES = [
  '^(node:)?(fs|fs/promises|net|tls|dns|dns/promises|http|https|http2|child_process|dgram|cluster|worker_threads)$',
  // nodemailer's addressparser is a pure string parser; the rest of nodemailer sends mail.
  '^node_modules/(postgres|ioredis|bullmq|imapflow|smtp-server)/',
  '^node_modules/nodemailer/(?!dist/esm/addressparser/|lib/addressparser/)',
  '^src/(shared/(db|queue|services|log)|app|pipeline)/',
].join('|');

/**
 * Known violations, each { rule, from, to } (path patterns) with the reason it
 * is still there. None today: add one only with its reason and a plan to remove it.
 */
const KNOWN = [];

/** A forbidden rule, minus its known exceptions (dependency-cruiser has no per-pair exception, so each becomes a pathNot). */
function forbid(name, comment, from, to) {
  const exceptions = KNOWN.filter((k) => k.rule === name);
  if (exceptions.length === 0) return [{ name, comment, severity: 'error', from, to }];
  // The rule for every other file, then for each excepted file the rule without its excepted targets.
  const exceptedFiles = [...new Set(exceptions.map((k) => k.from))];
  return [
    { name, comment, severity: 'error', from: { ...from, pathNot: [...toArray(from.pathNot), ...exceptedFiles] }, to },
    ...exceptedFiles.map((file) => ({
      name,
      comment,
      severity: 'error',
      from: { ...from, path: file },
      to: { ...to, pathNot: [...toArray(to.pathNot), ...exceptions.filter((k) => k.from === file).map((k) => k.to)] },
    })),
  ];
}

function toArray(x) {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle hides which module is the lower one; split the shared part into its own file.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...forbid(
      'nothing-imports-the-entry-points',
      'app, cli, http and workers compose the stages; nothing below them imports them (the Context type excepted).',
      { pathNot: ENTRY },
      { path: ENTRY, pathNot: CONTEXT_TYPE },
    ),
    ...forbid(
      'ingest-stores-and-hands-over',
      'Ingest stores a message and queues its routing; it knows no domain and sends nothing.',
      { path: '^src/pipeline/ingest/' },
      { path: [DOMAINS, '^src/pipeline/outbound/'] },
    ),
    ...forbid(
      'routing-knows-no-domain',
      'Domains register their handlers with the router; the router never imports them.',
      { path: '^src/pipeline/routing/' },
      { path: [DOMAINS, '^src/pipeline/ingest/'] },
    ),
    ...forbid(
      'domains-never-call-the-router',
      'A domain plugs into routing from its register.ts; routing a message is the route worker\'s job.',
      { path: DOMAINS, pathNot: '/register\\.ts$' },
      { path: '^src/pipeline/routing/router\\.ts$' },
    ),
    ...forbid(
      'domains-sit-below-ingest',
      'Domains receive mail from routing; they never reach back into ingest.',
      { path: DOMAINS },
      { path: '^src/pipeline/ingest/' },
    ),
    ...forbid(
      'outbound-delivers-only',
      'Outbound writes and delivers outbox rows; it knows no stage above it.',
      { path: '^src/pipeline/outbound/' },
      { path: [DOMAINS, '^src/pipeline/(routing|ingest)/'] },
    ),
    ...forbid(
      'utilities-import-no-stage',
      'config, db, log, queue, services, tokens, templates and the rule folders sit below every stage.',
      { path: ['^src/shared/', '^src/domains/consultations/rules/'] },
      { path: [DOMAINS, '^src/pipeline/'], pathNot: '^src/domains/consultations/rules/' },
    ),
    ...forbid(
      'http-reaches-queues-through-context',
      'The HTTP endpoint is an entry adapter: it reaches Redis through the Context it is given (its register.ts plugs its housekeeping into the reconciler, as domains do).',
      { path: '^src/http/', pathNot: '/register\\.ts$' },
      { path: '^src/shared/queue/' },
    ),
    ...forbid(
      'pure-rules-do-no-io',
      'Rule folders hold pure functions, tested by tables: no I/O, not even at load time.',
      { path: PURE_RULES },
      { path: IO_MODULES },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

// For test/unit/architecture.test.ts, which checks that every exception still names a real import
// (not enumerable: dependency-cruiser's schema allows no other keys).
Object.defineProperty(module.exports, 'KNOWN', { value: KNOWN, enumerable: false });
