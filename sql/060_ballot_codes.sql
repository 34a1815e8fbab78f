-- Each electorate member's ballot code (an HMAC computed by the application,
-- see tokens.ts), stored at the close so the tally sheet can be streamed in
-- code order by Postgres instead of sorted in memory.
alter table consultation_electorate add column ballot_code text;
create index consultation_electorate_ballot on consultation_electorate (consultation_id, ballot_code);
