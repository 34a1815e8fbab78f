-- The question in more than one language (issue 23, item 4): what an
-- opening gave per language ("Question[fr]:", "Description[fr]:",
-- "Options[fr]:"), by language code:
--   { "fr": { "question": "...", "description": "...", "options": [{ "letter": "A", "text": "..." }] } }
-- A field a language leaves out is read in the default version (question,
-- description, options); the letters are those of `options`.
alter table consultations add column versions jsonb not null default '{}';
