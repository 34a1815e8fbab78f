-- The duplicate key of an inbound message becomes the Message-ID, the envelope
-- sender and a digest of the bytes together (see messageKeyOf): a different
-- message reusing a Message-ID is a new message. Rows stored before get the
-- same key a retry of them would get now.
update inbound_messages
set message_key = 'mid-from-body:' || encode(sha256(
      convert_to(message_id, 'UTF8') || '\x00'::bytea ||
      convert_to(lower(envelope_from), 'UTF8') || '\x00'::bytea ||
      sha256(raw)), 'hex')
where message_id is not null and message_id <> '';
