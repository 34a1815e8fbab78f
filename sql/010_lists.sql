-- Lists: residence-based memberships, list settings, posts and their
-- moderation, and what comes back on the VERP bounce addresses.

-- Cities are matched loosely ("Milton Keynes" = "milton-keynes" = " MILTON  KEYNES"):
-- lower case, punctuation and runs of spaces folded to one space.
create function city_key(city text) returns text
language sql immutable parallel safe as $$
  select nullif(btrim(regexp_replace(lower(city), '[[:space:][:punct:]]+', ' ', 'g')), '')
$$;

alter table groups
  -- Reply-To of list copies: 'list' (replies go to the list) or 'author'; null = the configured default.
  add column reply_to text check (reply_to in ('author', 'list')),
  -- 'closed' lists (the ICC) are joined only through their owners or operators, never by "subscribe".
  add column subscription text not null default 'open' check (subscription in ('open', 'closed'));

create index groups_chapter_key on groups (country, city_key(city)) where level = 'local';

-- Why a member is on a list: 'residence' memberships follow the member's
-- country and city (join, move, import); 'subscribe' ones were asked for and
-- survive a move.
alter table memberships
  add column source text not null default 'subscribe' check (source in ('residence', 'subscribe'));

create index members_residence on members (country, city_key(city));

-- Set by "leave": an import run again does not put back someone who left
-- (joining, subscribing or "tacit member add" again clears it).
alter table members add column left_at timestamptz;

-- Lists a member left on their own (unsubscribe, one-click): placement by
-- residence and imports never put them back; an explicit subscribe or join does.
create table unsubscriptions (
  group_id   integer not null references groups(id) on delete cascade,
  member_id  bigint not null references members(id) on delete cascade,
  at         timestamptz not null default now(),
  primary key (member_id, group_id)
);

-- Members who live where no chapter exists yet, and are still on some list:
-- "tacit waiting" counts them per city, so organisers see where a chapter could start.
create view chapter_waiting as
select m.id as member_id, m.country, m.city
from members m
where m.country is not null
  and city_key(m.city) is not null
  and exists (select 1 from memberships ms where ms.member_id = m.id)
  and not exists (
    select 1 from groups g
    where g.level = 'local' and g.country = m.country and city_key(g.city) = city_key(m.city));

-- One row per message posted to a list (the raw bytes stay in inbound_messages).
create table list_posts (
  id                 bigserial primary key,
  group_id           integer not null references groups(id) on delete cascade,
  inbound_message_id bigint not null references inbound_messages(id),
  delivery_id        bigint references inbound_deliveries(id),
  author_member_id   bigint references members(id) on delete set null,
  author_email       text not null,
  author_name        text not null default '',
  subject            text not null default '',
  message_id         text,
  -- The new text of the post, for digests and moderators.
  body_text          text not null default '',
  state              text not null check (state in ('distributed', 'held', 'rejected', 'expired')),
  hold_reason        text check (hold_reason in ('non-member', 'loop')),
  created_at         timestamptz not null default now(),
  decided_at         timestamptz,
  decided_by         text,
  distributed_at     timestamptz,
  -- The same message routed twice (or cross-posted twice to one list) is one post.
  unique (group_id, inbound_message_id)
);
create index list_posts_held on list_posts (created_at) where state = 'held';
create index list_posts_distributed on list_posts (group_id, distributed_at) where state = 'distributed';

-- List copies name their post, so the fan-out can stream its own rows.
alter table outbox add column list_post_id bigint references list_posts(id);
create index outbox_list_post on outbox (list_post_id, id) where list_post_id is not null;

-- What came back on bounces+TOKEN@D: one row per inbound delivery, naming the
-- copy (outbox row) it answers. 'auto-reply' rows (vacation messages go to
-- the envelope sender) mean "away", never "unreachable".
create table delivery_reports (
  id           bigserial primary key,
  delivery_id  bigint not null unique references inbound_deliveries(id),
  outbox_id    bigint not null references outbox(id),
  member_id    bigint references members(id) on delete set null,
  kind         text not null check (kind in ('hard', 'soft', 'unknown', 'auto-reply')),
  status       text,
  diagnostic   text,
  -- Whether it added to the member's bounce score (at most once per BOUNCE_SCORE_GAP_HOURS).
  scored       boolean not null default false,
  created_at   timestamptz not null default now()
);
create index delivery_reports_outbox on delivery_reports (outbox_id);
create index delivery_reports_member on delivery_reports (member_id, created_at);
