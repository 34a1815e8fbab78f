-- Ballot codes computed by Postgres (pgcrypto's hmac, in Debian's PostgreSQL
-- package and trusted, so the database owner may create it): the electorate
-- gets its codes in the INSERT … SELECT that freezes it, and the close no
-- longer computes 200,000 HMACs in Node nor rewrites the code index. Same
-- code as ballotCode() in src/shared/rules/tokens.ts (a test compares them):
-- Crockford base32 of the first 50 bits of HMAC-SHA256(secret, 'ballot:C,M').
create extension if not exists pgcrypto;

create function tacit_base32_50(v bigint) returns text
language sql immutable strict parallel safe as $$
  select substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 59) & 31)::int + 1, 1)
      || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 54) & 31)::int + 1, 1)
      || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 49) & 31)::int + 1, 1)
      || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 44) & 31)::int + 1, 1)
      || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 39) & 31)::int + 1, 1)
      || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 34) & 31)::int + 1, 1)
      || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 29) & 31)::int + 1, 1)
      || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 24) & 31)::int + 1, 1)
      || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 19) & 31)::int + 1, 1)
      || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> 14) & 31)::int + 1, 1)
$$;

create function tacit_ballot_code(secret text, consultation_id bigint, member_id bigint) returns text
language sql immutable strict parallel safe as $$
  select tacit_base32_50(('x' || encode(substring(
    hmac('ballot:' || consultation_id || ',' || member_id, secret, 'sha256') from 1 for 8), 'hex'))::bit(64)::bigint)
$$;

-- The close writes each member's bucket, a column no index holds: with room
-- left on each page that update is HOT (no new index entries). New pages only.
alter table consultation_electorate set (fillfactor = 50);
