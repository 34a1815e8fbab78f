-- Addresses in one form: the domain in UTS #46 ASCII (xn-- labels), as Tacit
-- now stores and compares every address (canonicalAddress in
-- src/shared/rules/domains.ts; a test compares the two). A member stored as
-- ana@bücher.example becomes ana@xn--bcher-kva.example, so the same mailbox
-- arriving in either form finds them. PostgreSQL has no IDNA function: the
-- mapping here is lower(NFKC), then Punycode (RFC 3492) for labels that are
-- not ASCII, which is UTS #46 for every address a person would type.

create function tacit_punycode_digit(d int) returns text
language sql immutable strict parallel safe as $$
  select case when d < 26 then chr(97 + d) else chr(22 + d) end
$$;

create function tacit_punycode_adapt(delta int, points int, first boolean) returns int
language plpgsql immutable strict parallel safe as $$
declare
  k int := 0;
begin
  delta := case when first then delta / 700 else delta / 2 end;
  delta := delta + delta / points;
  while delta > ((36 - 1) * 26) / 2 loop
    delta := delta / (36 - 1);
    k := k + 36;
  end loop;
  return k + ((36 - 1 + 1) * delta) / (delta + 38);
end $$;

-- RFC 3492 6.3, for one label.
create function tacit_punycode(label text) returns text
language plpgsql immutable strict parallel safe as $$
declare
  cps int[] := (select array_agg(ascii(ch) order by ord) from regexp_split_to_table(label, '') with ordinality as x(ch, ord));
  output text := '';
  n int := 128;
  delta int := 0;
  bias int := 72;
  b int;
  h int;
  m int;
  q int;
  k int;
  t int;
  c int;
begin
  foreach c in array cps loop
    if c < 128 then output := output || chr(c); end if;
  end loop;
  b := length(output);
  h := b;
  if b > 0 then output := output || '-'; end if;
  while h < array_length(cps, 1) loop
    select min(x) into m from unnest(cps) x where x >= n;
    delta := delta + (m - n) * (h + 1);
    n := m;
    foreach c in array cps loop
      if c < n then delta := delta + 1; end if;
      if c = n then
        q := delta;
        k := 36;
        loop
          t := case when k <= bias then 1 when k >= bias + 26 then 26 else k - bias end;
          exit when q < t;
          output := output || tacit_punycode_digit(t + (q - t) % (36 - t));
          q := (q - t) / (36 - t);
          k := k + 36;
        end loop;
        output := output || tacit_punycode_digit(q);
        bias := tacit_punycode_adapt(delta, h + 1, h = b);
        delta := 0;
        h := h + 1;
      end if;
    end loop;
    delta := delta + 1;
    n := n + 1;
  end loop;
  return output;
end $$;

create function tacit_ascii_address(email text) returns text
language sql immutable strict parallel safe as $$
  select case when position('@' in email) = 0 or split_part(email, '@', -1) ~ '^[\x01-\x7f]*$' then email
    else left(email, length(email) - length(split_part(email, '@', -1))) || (
      select string_agg(case when l ~ '^[\x01-\x7f]*$' then l else 'xn--' || tacit_punycode(l) end, '.' order by ord)
      from regexp_split_to_table(lower(normalize(split_part(email, '@', -1), NFKC)), '\.') with ordinality as x(l, ord))
  end
$$;

-- A member stored in both forms keeps the ASCII row; the other stays as it was, for the operator to merge.
update members m set email = c.ascii
from (select distinct on (tacit_ascii_address(email)) id, tacit_ascii_address(email) as ascii
      from members where email <> tacit_ascii_address(email) order by tacit_ascii_address(email), id) c
where m.id = c.id and not exists (select 1 from members o where o.email = c.ascii);
update member_addresses a set email = c.ascii
from (select distinct on (tacit_ascii_address(email)) email, tacit_ascii_address(email) as ascii
      from member_addresses where email <> tacit_ascii_address(email) order by tacit_ascii_address(email), email) c
where a.email = c.email and not exists (select 1 from member_addresses o where o.email = c.ascii);
update confirmations set email = tacit_ascii_address(email) where email <> tacit_ascii_address(email);
