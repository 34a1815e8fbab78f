-- Weekly digests: one row per scheduled period, claimed by the process that
-- runs it, so a period is sent exactly once however many workers look.
create table digest_runs (
  period_end    timestamptz primary key,
  period_start  timestamptz not null,
  -- 'baseline': the first period seen after installation, recorded but not
  -- sent, so a fresh install does not mail everyone about last week.
  kind          text not null default 'sent' check (kind in ('sent', 'baseline', 'manual')),
  members       integer,
  started_at    timestamptz not null default now(),
  finished_at   timestamptz
);
