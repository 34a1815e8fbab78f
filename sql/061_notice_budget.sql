-- Notices to one person (moderation requests, owner and postmaster forwards)
-- are limited per kind and hour like answers are (reply_budget); what goes
-- past the limit is held back and summed up in one mail once the hour is over.
create table notice_budget (
  recipient     text not null,
  kind          text not null,
  hour          timestamptz not null,
  sent          integer not null default 0,
  held          integer not null default 0,
  summarised_at timestamptz,
  primary key (recipient, kind, hour)
);
create index notice_budget_to_summarise on notice_budget (hour) where held > 0 and summarised_at is null;

-- Answers past REPLIES_PER_HOUR (count beyond it) are summed up the same way.
alter table reply_budget add column summarised_at timestamptz;
create index reply_budget_to_summarise on reply_budget (hour) where summarised_at is null;
