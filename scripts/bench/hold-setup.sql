-- A scratch database for the pgbench measure of the hold's PostgreSQL write: one event, one
-- section of :seats available seats.
INSERT INTO events (event_id, name, currency, starts_at) VALUES ('evt-h', 'Bench', 'KRW', now());
INSERT INTO sections (event_id, section, price_minor) VALUES ('evt-h', 'S01', 50000);
INSERT INTO seats (event_id, seat_id, section, state)
SELECT 'evt-h', 'S01-' || lpad(n::text, 5, '0'), 'S01', 'available' FROM generate_series(1, :seats) AS n;
ANALYZE events, sections, seats;
