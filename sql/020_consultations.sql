-- Consultations: a question put to a list, where silence is consent.
-- Postgres is the truth for every deadline; queue jobs are only alarm clocks.

create table consultations (
  id              bigserial primary key,
  group_id        integer not null references groups(id),
  coordinator_id  bigint not null references members(id),
  kind            text not null check (kind in ('choice', 'proposal')),
  question        text not null,
  description     text not null default '',
  -- [{ "letter": "A", "text": "..." }], empty for a proposal.
  options         jsonb not null default '[]',
  -- Proposal only: objections that block, as the opening mail gave it
  -- ({ "count": 1 } or { "percent": 10 }).
  block_threshold jsonb,
  status          text not null default 'draft'
                  check (status in ('draft', 'open', 'closed', 'cancelled')),
  deadline        timestamptz not null,
  reminder_at     timestamptz,
  -- How long before the deadline the reminder goes ("24 hours before"), so
  -- an extended deadline keeps its reminder at the same distance.
  reminder_lead_ms bigint,
  -- The reminder_at a reminder was last sent for: a moved reminder is sent again.
  reminded_for    timestamptz,
  -- The inbound message that asked for it (threading of the preview and outcome).
  source_message_id text,
  created_at      timestamptz not null default now(),
  opened_at       timestamptz,
  closed_at       timestamptz,
  cancelled_at    timestamptz,
  electorate_size integer,
  -- Set once the copies' delivery jobs have all been queued (the fan-out job streams them).
  fanout_queued_at timestamptz,
  -- The stored result of closing: tally, buckets, verdict (see outcome.ts).
  outcome         jsonb
);
create index consultations_open_deadline on consultations (deadline) where status = 'open';
create index consultations_group on consultations (group_id);

-- The electorate, frozen when the consultation opens: one row per member
-- who was sent a copy. The bucket is written once, by the close.
create table consultation_electorate (
  consultation_id bigint not null references consultations(id) on delete cascade,
  member_id       bigint not null references members(id),
  email           text not null,
  copy_outbox_id  bigint references outbox(id),
  -- An auto-reply (vacation notice) came back for this member's copy.
  away_at         timestamptz,
  -- The reply that counts: the latest readable one, or the latest unreadable
  -- one when there is no readable reply (see replies.ts).
  latest_reply_id bigint,
  bucket          text check (bucket in ('replied', 'silent', 'unreachable', 'away')),
  primary key (consultation_id, member_id)
);
create index consultation_electorate_member on consultation_electorate (member_id);

-- Every reply read for a consultation, kept even when it did not count
-- (unreadable, late): the audit trail.
create table consultation_replies (
  id              bigserial primary key,
  consultation_id bigint not null references consultations(id) on delete cascade,
  member_id       bigint not null references members(id),
  inbound_message_id bigint references inbound_messages(id),
  -- The rules' reading: a choice stance, or { "stance": ..., "reason": ... }.
  stance          jsonb not null,
  readable        boolean not null,
  comment         text not null default '',
  late            boolean not null default false,
  received_at     timestamptz not null,
  recorded_at     timestamptz not null default now(),
  -- The same stored message read twice (a confirmed forged-From reply) is recorded once.
  unique (consultation_id, inbound_message_id)
);
create index consultation_replies_member on consultation_replies (consultation_id, member_id, id);

-- Mails sent for a consultation, by purpose ('copy', 'reminder:EPOCH',
-- 'outcome', 'extended:EPOCH', 'cancelled'), so a job can stream exactly
-- those outbox rows into the delivery queue after the deciding commit.
create table consultation_mailings (
  consultation_id bigint not null references consultations(id) on delete cascade,
  purpose         text not null,
  outbox_id       bigint not null references outbox(id),
  primary key (consultation_id, purpose, outbox_id)
);
