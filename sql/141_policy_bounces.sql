-- A DMARC or policy rejection (5.7.26, 5.7.515, 5.7.1 "DMARC"/"unauthenticated"):
-- Tacit's mail was refused, not the address. Recorded, never scored.
alter table delivery_reports drop constraint delivery_reports_kind_check;
alter table delivery_reports add constraint delivery_reports_kind_check
  check (kind in ('hard', 'soft', 'policy', 'unknown', 'auto-reply'));
create index delivery_reports_policy on delivery_reports (created_at) where kind = 'policy';
