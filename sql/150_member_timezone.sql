-- The time zone a member chose with `set timezone ZONE` (an IANA name,
-- checked against Node's zone data before it is stored). Null: the zone is
-- read from the member's residence where that is unambiguous, else UTC.
alter table members add column timezone text;
