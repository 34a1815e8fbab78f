-- The keys Tacit signs its outbound mail with (DKIM, and ARC on list copies),
-- kept here so that every Tacit process signs with the same key. The private
-- key is encrypted with the server secret (AES-256-GCM); the public half is
-- plain, for `tacit dns` and `tacit doctor`. 'next' is a key published ahead
-- of a rotation, 'active' the one signing, 'retired' one no longer used.
create table dkim_keys (
  selector text not null,
  algorithm text not null check (algorithm in ('rsa', 'ed25519')),
  state text not null check (state in ('next', 'active', 'retired')),
  private_key text not null,
  public_key text not null,
  created_at timestamptz not null default now(),
  activated_at timestamptz,
  primary key (selector, algorithm)
);

-- One signing key per algorithm: two processes generating the first key at once keep one of them.
create unique index dkim_keys_one_active on dkim_keys (algorithm) where state = 'active';
create unique index dkim_keys_one_next on dkim_keys (algorithm) where state = 'next';
