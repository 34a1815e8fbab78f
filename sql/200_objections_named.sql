-- Ballot secrecy (issue 21): a consultation names its objectors only where
-- the list chooses it. `tacit group set SLUG --objections named|anonymous`,
-- anonymous by default. A consultation freezes its list's choice when it is
-- drafted, so members answer knowing whether an objection is quoted with their
-- name; consultations drafted before are anonymous from now on (their pages,
-- answers and --json no longer name objectors).
alter table groups add column objections text not null default 'anonymous'
  check (objections in ('named', 'anonymous'));
alter table consultations add column objections_named boolean not null default false;
