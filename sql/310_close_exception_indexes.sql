-- The close's bucket expression (close/buckets.ts) probes, for each member,
-- sets of exceptions built once per statement: copies that did not leave or
-- came back, members whose delivery is disabled, unsubscriptions from the
-- list, auto-replies. Each is read from an index holding only those rows,
-- never by scanning the outbox, the members or the reports (pending and
-- sending copies have theirs: outbox_pending, outbox_leased). Rows enter
-- these indexes only when they fail, bounce or are disabled: sending mail
-- and adding members write nothing more.
create index outbox_undelivered on outbox (id) where state in ('bounced', 'failed');
create index members_delivery_disabled on members (id) where delivery_disabled_at is not null;
create index delivery_reports_auto_reply on delivery_reports (outbox_id) where kind = 'auto-reply';
create index unsubscriptions_group on unsubscriptions (group_id, at);
