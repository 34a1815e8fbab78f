-- Votes that roll up (issue 22 item 3): a chapter's or branch's own vote or
-- consultation may be part of a parent's (`Part of: C-ID` in the opening).
-- consultations.part_of: the parent; same question, options and method,
-- a deadline no later than the parent's (checked at the draft and the open).
alter table consultations add column part_of bigint references consultations(id);
create index consultations_part_of on consultations (part_of) where part_of is not null;

-- The parent's close adds each member its parts reached to its own
-- electorate, one row a member: the copy whose ballot counts in the whole
-- (the latest readable one, a member's own before a proxy's). via names the
-- part whose copy that was; null for the parent's own copy.
alter table consultation_electorate add column via_consultation_id bigint;
