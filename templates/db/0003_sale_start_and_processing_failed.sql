-- 0003: each event's sale start (the waiting room opens then, not when its first caller
-- arrives), and the worker's `processing-failed` rejection (a commit on its last receive that
-- could not be decided is recorded before it goes to the dead-letter queue). Applies on top of
-- 0002 (the payment gate), whose rejection reasons the constraint keeps.

ALTER TABLE events ADD COLUMN sale_starts_at timestamptz;
-- Events seeded before this migration have been on sale since they were created.
UPDATE events SET sale_starts_at = created_at WHERE sale_starts_at IS NULL;
ALTER TABLE events ALTER COLUMN sale_starts_at SET NOT NULL,
                   ALTER COLUMN sale_starts_at SET DEFAULT now();

ALTER TABLE orders DROP CONSTRAINT orders_reason_check;
ALTER TABLE orders ADD CONSTRAINT orders_reason_check
    CHECK (reason IN ('intent-not-found', 'intent-expired', 'intent-mismatch', 'payment-declined',
                      'payment-not-approved', 'hold-missing', 'seat-unavailable', 'already-ordered',
                      'processing-failed'));
