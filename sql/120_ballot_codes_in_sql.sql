-- Ballot codes computed by Postgres (pgcrypto's hmac, in Debian's PostgreSQL
-- package and trusted, so the database owner may create it): the electorate
-- gets its codes in the INSERT … SELECT that freezes it, and the close no
-- longer computes 200,000 HMACs in Node nor rewrites the code index. Same
-- code as ballotCode() in src/shared/rules/tokens.ts (a test compares them):
-- Crockford base32 of the first 50 bits of HMAC-SHA256(secret, 'ballot:C,M').
create extension if not exists pgcrypto;

-- plpgsql: its argument (an HMAC) is used ten times, so an SQL function would
-- not be inlined, and a non-inlined SQL function cost ~230 µs a call; with
-- this one a whole code costs ~11 µs (20,000 in 0.22 s, load average 14).
create function tacit_base32_50(v bigint) returns text
language plpgsql immutable strict parallel safe as $$
declare
  a constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
begin
  return substr(a, ((v >> 59) & 31)::int + 1, 1)
      || substr(a, ((v >> 54) & 31)::int + 1, 1)
      || substr(a, ((v >> 49) & 31)::int + 1, 1)
      || substr(a, ((v >> 44) & 31)::int + 1, 1)
      || substr(a, ((v >> 39) & 31)::int + 1, 1)
      || substr(a, ((v >> 34) & 31)::int + 1, 1)
      || substr(a, ((v >> 29) & 31)::int + 1, 1)
      || substr(a, ((v >> 24) & 31)::int + 1, 1)
      || substr(a, ((v >> 19) & 31)::int + 1, 1)
      || substr(a, ((v >> 14) & 31)::int + 1, 1);
end
$$;

-- Written so the planner inlines it (immutable casts only, not strict).
create function tacit_ballot_code(secret text, consultation_id bigint, member_id bigint) returns text
language sql immutable parallel safe as $$
  select tacit_base32_50(('x' || encode(substring(
    hmac('ballot:' || consultation_id::text || ',' || member_id::text, secret, 'sha256') from 1 for 8), 'hex'))::bit(64)::bigint)
$$;

-- The close writes each member's bucket, a column no index holds: with room
-- left on each page that update is HOT (no new index entries). New pages only.
alter table consultation_electorate set (fillfactor = 50);
-- Frozen members start 'silent', the bucket most of an electorate ends in, and
-- the close rewrites only the rows whose bucket differs. Before the close the
-- column means nothing: tallies of open consultations compute buckets.
alter table consultation_electorate alter column bucket set default 'silent';
