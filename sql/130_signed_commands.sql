-- What a DKIM signature has authorised, per receiving address: a signed
-- message sent again (from a Cc, an archive, a forward) under another
-- envelope is a new message to the duplicate check, but the same signature.
-- Kept for SIGNED_COMMAND_MAX_AGE plus a day: after that its signed Date is
-- too old for it to act at once anyway.
create table signed_commands (
  signature   text not null,          -- the b= value, without whitespace
  recipient   text not null,          -- the receiving address, canonical
  delivery_id bigint not null,        -- the delivery it first came with (for the log)
  forget_at   timestamptz not null,
  primary key (signature, recipient)
);
create index signed_commands_forget_at on signed_commands (forget_at);
