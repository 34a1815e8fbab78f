-- Sender authentication (SPF, DKIM, DMARC, ARC), computed once per message
-- at route time: the Authentication-Results value as Tacit would write it,
-- and the same verdicts as data for the rules that decide who may act.
alter table inbound_messages
  add column auth_results text,
  add column auth jsonb;
