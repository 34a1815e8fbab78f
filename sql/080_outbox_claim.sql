-- A sender claims a row before sending it: 'sending' with a lease. A sender
-- that stalls or dies loses the row when the lease runs out, and another
-- sender may take it; lease_id tells the holder apart from a late one.
alter table outbox drop constraint outbox_state_check;
alter table outbox add constraint outbox_state_check
  check (state in ('pending', 'sending', 'sent', 'failed', 'bounced'));
alter table outbox add column lease_until timestamptz, add column lease_id uuid;
create index outbox_leased on outbox (lease_until) where state = 'sending';
