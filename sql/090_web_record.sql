-- The web record: who may read a list's archive and its decisions on the web,
-- and the sign-in links and sessions of members.

-- 'public': anyone; 'members': the list's signed-in members; 'off': nobody (archive only).
-- Decisions are separate so a committee's outcomes can be public while its discussion is not.
alter table groups
  add column archive text not null default 'members' check (archive in ('public', 'members', 'off')),
  add column decisions text not null default 'members' check (decisions in ('public', 'members'));

-- A sign-in link mailed to a member: its token is the row id plus an HMAC
-- (no secret stored here); it works once, before expires_at.
create table web_signins (
  id          bigserial primary key,
  member_id   bigint not null references members(id) on delete cascade,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  used_at     timestamptz
);
create index web_signins_member on web_signins (member_id, created_at);

-- A signed-in browser: the cookie is the row id plus an HMAC.
create table web_sessions (
  id          bigserial primary key,
  member_id   bigint not null references members(id) on delete cascade,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  ended_at    timestamptz
);
