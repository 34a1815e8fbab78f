-- The language a member chose (`set language fr`, `tacit member add
-- --language`, the CSV import's `language` column) and a list's default
-- (`tacit group add --language`): a code Tacit has a catalogue for
-- (templates/locales/CODE.json), checked before it is stored. Null: the
-- member reads the language of their most local list that has one, else
-- their country's main language where translated, else English.
alter table members add column language text;
alter table groups add column language text;
