-- pgbench script: public-api's PostgreSQL write of one won hold (SeatRepository.recordHold with
-- HoldLimit), statement for statement, on a random seat of the scratch event `evt-h`
-- (hold-setup.sql) for a random user: the seat row locked, the user's advisory lock and active
-- holds counted, an older active hold of the seat expired, the hold inserted, the seat marked held.
\set seat random(1, :seats)
\set user random(1, 1000000)
BEGIN;
SELECT state FROM seats WHERE event_id = 'evt-h' AND seat_id = 'S01-' || lpad(:seat::text, 5, '0') FOR UPDATE;
SELECT pg_advisory_xact_lock(hashtextextended('evt-h' || '/' || 'u-' || :user, 0));
SELECT count(*)::bigint FROM holds
WHERE event_id = 'evt-h' AND user_id = 'u-' || :user AND status = 'active' AND expires_at > now();
UPDATE holds SET status = 'expired'
WHERE event_id = 'evt-h' AND seat_id = 'S01-' || lpad(:seat::text, 5, '0') AND status = 'active';
INSERT INTO holds (hold_id, event_id, seat_id, user_id, expires_at)
VALUES (gen_random_uuid(), 'evt-h', 'S01-' || lpad(:seat::text, 5, '0'), 'u-' || :user, now() + interval '2 minutes');
UPDATE seats SET state = 'held', version = version + 1, updated_at = now()
WHERE event_id = 'evt-h' AND seat_id = 'S01-' || lpad(:seat::text, 5, '0');
COMMIT;
