-- pgbench: confirm-worker's transaction for one single-seat commit (CommitTransaction), statement
-- for statement: idempotency check, intent and seat row locks, live holds, the order, its seat,
-- the seat sold, the hold consumed, the payment linked. Seat n comes from a sequence, so no two
-- transactions touch the same rows (as with distinct messages).
SELECT nextval('bench_n') AS n \gset
BEGIN;
SELECT order_id, status FROM orders WHERE idem = 'pgbench-c-' || :n;
SELECT user_id, event_id, seat_ids, amount_minor, currency::text, status, expires_at
  FROM payment_intents WHERE intent_id = md5('i' || :n)::uuid FOR UPDATE;
SELECT 1 FROM orders WHERE intent_id = md5('i' || :n)::uuid AND status = 'confirmed';
SELECT seat_id, state FROM seats
  WHERE event_id = 'evt-b' AND seat_id = ANY(ARRAY['S01-' || lpad(:n::text, 5, '0')]) ORDER BY seat_id FOR UPDATE;
SELECT seat_id, user_id, hold_id FROM holds
  WHERE event_id = 'evt-b' AND seat_id = ANY(ARRAY['S01-' || lpad(:n::text, 5, '0')])
    AND status = 'active' AND expires_at > now();
INSERT INTO orders (order_id, idem, intent_id, event_id, user_id, seat_ids, status, reason)
  VALUES (md5('o' || :n)::uuid, 'pgbench-c-' || :n, md5('i' || :n)::uuid, 'evt-b', 'u-' || :n,
          ARRAY['S01-' || lpad(:n::text, 5, '0')], 'confirmed', NULL)
  ON CONFLICT (idem) DO NOTHING RETURNING order_id;
INSERT INTO order_seats (event_id, seat_id, order_id)
  SELECT 'evt-b', seat_id, md5('o' || :n)::uuid FROM unnest(ARRAY['S01-' || lpad(:n::text, 5, '0')]) AS seat_id;
UPDATE seats SET state = 'sold', version = version + 1, updated_at = now()
  WHERE event_id = 'evt-b' AND seat_id = ANY(ARRAY['S01-' || lpad(:n::text, 5, '0')]);
UPDATE holds SET status = 'consumed' WHERE hold_id = ANY(ARRAY[md5('h' || :n)::uuid]);
UPDATE payments SET order_id = md5('o' || :n)::uuid, updated_at = now() WHERE intent_id = md5('i' || :n)::uuid;
COMMIT;
