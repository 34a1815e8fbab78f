-- consultation_mailings rows are written only in the statement that inserts
-- the outbox rows they name (from its RETURNING), and neither outbox rows nor
-- consultations are deleted: the two foreign keys proved nothing, and their
-- per-row checks were most of the cost of writing an outcome mailing to a
-- large list at the close.
alter table consultation_mailings drop constraint if exists consultation_mailings_consultation_id_fkey;
alter table consultation_mailings drop constraint if exists consultation_mailings_outbox_id_fkey;
