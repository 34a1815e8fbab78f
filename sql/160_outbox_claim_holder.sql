-- A claim names its holder as well as its lease: a sender process holds an
-- advisory lock (class 727275, key = its holder id) for as long as its
-- Postgres session lives, so rows claimed by a process that died are taken
-- over at once; the lease stays for a sender that is alive but stalled.
create sequence outbox_claim_holders as integer cycle;
alter table outbox add column lease_holder integer;
