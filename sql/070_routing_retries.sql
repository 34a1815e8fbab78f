-- A routing failure is retried until it succeeds: the reconciler queues the
-- delivery again once route_retry_at has passed, with a growing delay. Only a
-- message that cannot be read at all ends 'failed' (listed by `tacit stats`).
alter table inbound_deliveries
  add column route_attempts integer not null default 0,
  add column route_error text,
  add column route_retry_at timestamptz;
