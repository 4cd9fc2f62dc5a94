-- A scratch database for the pgbench reference of confirm-worker: one event, one section of
-- :seats seats, and for seat n the state a commit finds (an active hold, a pending intent and
-- its payment), with ids derived from n so the transaction script can name them.
INSERT INTO events (event_id, name, currency, starts_at) VALUES ('evt-b', 'Bench', 'KRW', now());
INSERT INTO sections (event_id, section, price_minor) VALUES ('evt-b', 'S01', 50000);
INSERT INTO seats (event_id, seat_id, section, state)
SELECT 'evt-b', 'S01-' || lpad(n::text, 5, '0'), 'S01', 'held' FROM generate_series(1, :seats) AS n;
INSERT INTO holds (hold_id, event_id, seat_id, user_id, expires_at)
SELECT md5('h' || n)::uuid, 'evt-b', 'S01-' || lpad(n::text, 5, '0'), 'u-' || n, now() + interval '1 hour'
FROM generate_series(1, :seats) AS n;
INSERT INTO payment_intents (intent_id, idempotency_key, request_fingerprint, user_id, event_id, seat_ids,
                             amount_minor, currency, expires_at)
SELECT md5('i' || n)::uuid, 'pgb-intent-' || n, md5('f' || n) || md5('g' || n), 'u-' || n, 'evt-b',
       ARRAY['S01-' || lpad(n::text, 5, '0')], 50000, 'KRW', now() + interval '1 hour'
FROM generate_series(1, :seats) AS n;
INSERT INTO payments (payment_id, intent_id, amount_minor, currency)
SELECT md5('p' || n)::uuid, md5('i' || n)::uuid, 50000, 'KRW' FROM generate_series(1, :seats) AS n;
CREATE SEQUENCE bench_n;
ANALYZE events, sections, seats, holds, payment_intents, payments;
