-- Proxies for formal votes (issue 22 item 4). A member names another member
-- as proxy for every list (group_id null) or for one list; the row is
-- 'offered' once the member confirmed the naming, 'active' once the proxy
-- accepted, 'ended' by `proxy off`, a later naming of the same scope, or a
-- refusal. At most one active proxy per member and scope.
create table proxies (
  id              bigserial primary key,
  member_id       bigint not null references members(id) on delete cascade,
  proxy_member_id bigint not null references members(id) on delete cascade,
  group_id        integer references groups(id) on delete cascade,
  state           text not null default 'offered' check (state in ('offered', 'active', 'ended')),
  created_at      timestamptz not null default now(),
  accepted_at     timestamptz,
  ended_at        timestamptz,
  check (member_id <> proxy_member_id)
);
create unique index proxies_one_active_per_scope on proxies (member_id, coalesce(group_id, 0)) where state = 'active';
create index proxies_held_by on proxies (proxy_member_id) where state = 'active';

-- Whose proxy got which member's ballot, frozen when a vote opens: a proxy
-- named later holds nothing in that vote; one ended later holds nothing either.
create table consultation_proxies (
  consultation_id bigint not null references consultations(id) on delete cascade,
  member_id       bigint not null references members(id) on delete cascade,
  proxy_id        bigint not null references proxies(id) on delete cascade,
  proxy_member_id bigint not null references members(id) on delete cascade,
  primary key (consultation_id, member_id)
);
create index consultation_proxies_proxy on consultation_proxies (consultation_id, proxy_member_id);

-- A ballot cast by a proxy names the proxy and their ballot code (the tally
-- sheet marks the line with it). One message of a proxy may carry the
-- ballots of both members it holds (sent to both proxy addresses at once):
-- a stored message is recorded once per member, not once per consultation.
alter table consultation_replies add column cast_by_proxy bigint references members(id);
alter table consultation_replies add column proxy_code text;
alter table consultation_replies drop constraint consultation_replies_consultation_id_inbound_message_id_key;
alter table consultation_replies add constraint consultation_replies_message_member unique (consultation_id, inbound_message_id, member_id);
