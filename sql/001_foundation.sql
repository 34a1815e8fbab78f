-- Foundation: what arrives, what leaves, and who the members are.

-- One row per accepted SMTP transaction (or fetched IMAP message). The raw
-- bytes are committed before the client gets 250.
create table inbound_messages (
  id            bigserial primary key,
  -- Message-ID header, or a digest of the bytes when there is none: the
  -- duplicate key (a client retrying DATA after a timeout sends it again).
  message_key   text not null unique,
  message_id    text,
  envelope_from text not null,          -- '' for the null sender <>
  client_address text,
  helo          text,
  size          integer not null,
  raw           bytea not null,
  received_at   timestamptz not null default now()
);

-- One row per (message, envelope recipient): the unit that is routed.
create table inbound_deliveries (
  id           bigserial primary key,
  message_id   bigint not null references inbound_messages(id),
  recipient    text not null,
  state        text not null default 'received'
               check (state in ('received', 'routed', 'held', 'failed')),
  -- What the router decided, for stats and for people reading the database.
  kind         text,
  outcome      text,
  routed_at    timestamptz,
  unique (message_id, recipient)
);
create index inbound_deliveries_unrouted on inbound_deliveries (id) where state = 'received';

-- Groups form a tree: international > national branch > local chapter; the
-- committee (ICC) is a group too. Each group has a list named by its slug.
create table groups (
  id         serial primary key,
  slug       text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]*$'),
  name       text not null,
  parent_id  integer references groups(id),
  level      text not null default 'list'
             check (level in ('international', 'national', 'local', 'committee', 'list')),
  country    text,          -- ISO 3166 alpha-2, upper case, for national and local groups
  city       text,          -- for local chapters
  created_at timestamptz not null default now()
);
create unique index groups_one_chapter_per_city on groups (country, lower(city)) where level = 'local';
create unique index groups_one_branch_per_country on groups (country) where level = 'national';

create table members (
  id            bigserial primary key,
  email         text not null unique check (email = lower(email)),
  name          text not null default '',
  country       text,
  city          text,
  -- Delivery is disabled after repeated hard bounces; such members are
  -- unreachable, never silent-consenting.
  delivery_disabled_at timestamptz,
  bounce_score  real not null default 0,
  bounce_scored_at timestamptz,
  created_at    timestamptz not null default now()
);

-- Further addresses a member may write from.
create table member_addresses (
  email      text primary key check (email = lower(email)),
  member_id  bigint not null references members(id) on delete cascade
);

create table memberships (
  group_id   integer not null references groups(id) on delete cascade,
  member_id  bigint not null references members(id) on delete cascade,
  mode       text not null default 'immediate' check (mode in ('immediate', 'digest', 'nomail')),
  joined_at  timestamptz not null default now(),
  primary key (group_id, member_id)
);
create index memberships_member on memberships (member_id);

create table roles (
  group_id   integer not null references groups(id) on delete cascade,
  member_id  bigint not null references members(id) on delete cascade,
  role       text not null check (role in ('owner', 'moderator', 'coordinator')),
  primary key (group_id, member_id, role)
);

-- Every mail Tacit sends is first a row here, written in the transaction of
-- the decision that caused it; a delivery job then composes and sends it.
create table outbox (
  id            bigserial primary key,
  -- What composes it: a template name, or a kind with its own composer.
  kind          text not null,
  recipient     text not null,
  member_id     bigint references members(id),
  params        jsonb not null default '{}',
  -- Threading of replies to an inbound message.
  in_reply_to   text,
  references_ids text,
  -- Makes a decision's mail idempotent: the same decision run twice writes one row.
  dedupe_key    text unique,
  state         text not null default 'pending' check (state in ('pending', 'sent', 'failed', 'bounced')),
  attempts      integer not null default 0,
  last_error    text,
  created_at    timestamptz not null default now(),
  sent_at       timestamptz
);
create index outbox_pending on outbox (id) where state = 'pending';

-- Pending confirmations (subscriptions, commands, consultation previews),
-- answered by mail to confirm+TOKEN@D.
create table confirmations (
  id          bigserial primary key,
  purpose     text not null,
  email       text not null,
  member_id   bigint references members(id),
  payload     jsonb not null default '{}',
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null default now() + interval '7 days',
  used_at     timestamptz
);

-- Rate limit for answers to bad input: at most N replies per address per hour.
create table reply_budget (
  email        text not null,
  hour         timestamptz not null,
  count        integer not null default 0,
  primary key (email, hour)
);
