-- A member may stop the digest (its List-Unsubscribe: one-click, or "digest off"
-- to request@) without leaving any list; "digest on" brings it back.
alter table members add column digest_off_at timestamptz;
