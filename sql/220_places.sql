-- Results per place (issue 22): a vote or consultation of a parent list
-- reports its result per national branch and per chapter beside the total.
-- Places are frozen with the electorate at the open, so a member who moves
-- while it is open is counted where they lived when it opened.
--
-- consultations.place_level: the places its parts are counted in, from its
-- list's level at the open: 'branch' for the international list (branches,
-- each with its chapters), 'chapter' for a branch's own list (its chapters);
-- null for any other list (no parts).
alter table consultations add column place_level text check (place_level in ('branch', 'chapter'));

-- Each elector's branch and chapter by residence at the open (either may be
-- null: no branch for their country, no chapter for their city yet). No
-- foreign key: a place deleted later keeps its frozen id, and the close
-- names it from the outcome it stored.
alter table consultation_electorate add column branch_id integer, add column chapter_id integer;
