-- Decision methods (issue 18): a consultation names the method that reads and
-- counts it (src/decisions/methods/). No check on the name: a new method is a
-- folder and a line of code, not a migration. `kind` stays (choice, proposal:
-- what --json says); a new method declares its own, so the kind check is
-- relaxed to the shape of a word. A row written without a method (a script
-- inserting by hand) is read by the method of its kind.
alter table consultations add column method text;
update consultations set method = case kind when 'choice' then 'consent-choice' else 'lazy-consensus' end;
alter table consultations drop constraint consultations_kind_check;
alter table consultations add constraint consultations_kind_word check (kind ~ '^[a-z][a-z-]{0,39}$');
