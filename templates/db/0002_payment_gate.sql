-- 0002: the payment gate (issue 13). A seat is sold only to an order whose intent's payment
-- the provider approved; a commit that arrives before the approval waits here, not in the
-- queue; an approval that comes too late is owed back (refund-due).

ALTER TABLE payment_intents DROP CONSTRAINT payment_intents_status_check;
ALTER TABLE payment_intents ADD CONSTRAINT payment_intents_status_check
    CHECK (status IN ('pending', 'approved', 'declined', 'refund-due'));
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('pending', 'approved', 'declined', 'refund-due'));
ALTER TABLE orders DROP CONSTRAINT orders_reason_check;
ALTER TABLE orders ADD CONSTRAINT orders_reason_check
    CHECK (reason IN ('intent-not-found', 'intent-expired', 'intent-mismatch', 'payment-declined',
                      'payment-not-approved', 'hold-missing', 'seat-unavailable', 'already-ordered'));

-- Idempotency keys are scoped per user: one user's key never collides with another's.
ALTER TABLE payment_intents DROP CONSTRAINT payment_intents_idempotency_key_key;
ALTER TABLE payment_intents ADD CONSTRAINT payment_intents_user_key_uq UNIQUE (user_id, idempotency_key);
-- Finding a user's open intents for some seats (at most one per seat set).
CREATE INDEX payment_intents_open_idx ON payment_intents (user_id, event_id, expires_at)
    WHERE status IN ('pending', 'approved');

-- Commits the worker found valid but unpaid: parked until the approval callback (or the
-- worker's sweep after the intent expires) decides them. Deleted when decided.
CREATE TABLE awaiting_payment (
    idem        text        PRIMARY KEY CHECK (idem ~ '^[A-Za-z0-9_-]{8,128}$'),
    intent_id   uuid        NOT NULL REFERENCES payment_intents (intent_id),
    event_id    text        NOT NULL,
    user_id     text        NOT NULL,
    seat_ids    text[]      NOT NULL CHECK (cardinality(seat_ids) BETWEEN 1 AND 10),
    parked_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX awaiting_payment_intent_idx ON awaiting_payment (intent_id);

-- The database's own guard: no confirmed order without an approved payment for its intent,
-- no sold seat without such an order, and an approval that sold seats is never taken back.
CREATE FUNCTION confirmed_order_requires_approval() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'confirmed' AND NOT EXISTS (
        SELECT 1 FROM payments p WHERE p.intent_id = NEW.intent_id AND p.status = 'approved') THEN
        RAISE EXCEPTION 'order % cannot be confirmed: its payment is not approved', NEW.order_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER orders_payment_gate BEFORE INSERT OR UPDATE OF status, intent_id ON orders
    FOR EACH ROW EXECUTE FUNCTION confirmed_order_requires_approval();

CREATE FUNCTION sold_seat_requires_paid_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state = 'sold' AND NOT EXISTS (
        SELECT 1 FROM order_seats os
        JOIN orders o ON o.order_id = os.order_id AND o.status = 'confirmed'
        JOIN payments p ON p.intent_id = o.intent_id AND p.status = 'approved'
        WHERE os.event_id = NEW.event_id AND os.seat_id = NEW.seat_id) THEN
        RAISE EXCEPTION 'seat %/% cannot be sold: no confirmed order with an approved payment',
            NEW.event_id, NEW.seat_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER seats_payment_gate BEFORE INSERT OR UPDATE OF state ON seats
    FOR EACH ROW EXECUTE FUNCTION sold_seat_requires_paid_order();

CREATE FUNCTION approval_of_sold_order_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'approved' AND NEW.status <> 'approved' AND EXISTS (
        SELECT 1 FROM orders o WHERE o.intent_id = OLD.intent_id AND o.status = 'confirmed') THEN
        RAISE EXCEPTION 'the payment of intent % sold seats and stays approved', OLD.intent_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER payments_payment_gate BEFORE UPDATE OF status ON payments
    FOR EACH ROW EXECUTE FUNCTION approval_of_sold_order_is_final();
