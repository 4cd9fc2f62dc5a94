-- 0001: the ticketing schema. Applied once, in one transaction, by the migration runner
-- (which records the version); names are unqualified so the runner's search_path decides
-- the schema.

CREATE TABLE events (
    event_id    text        PRIMARY KEY CHECK (event_id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    currency    char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    starts_at   timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sections (
    event_id    text   NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    section     text   NOT NULL CHECK (section ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
    price_minor bigint NOT NULL CHECK (price_minor BETWEEN 0 AND 1000000000000),
    PRIMARY KEY (event_id, section)
);

-- One row per seat. `version` is bumped on every state change (optimistic checks, ETags).
CREATE TABLE seats (
    event_id    text        NOT NULL,
    seat_id     text        NOT NULL CHECK (seat_id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
    section     text        NOT NULL,
    state       text        NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'held', 'sold')),
    version     bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, seat_id),
    FOREIGN KEY (event_id, section) REFERENCES sections (event_id, section) ON DELETE CASCADE
);
-- Summary hot path: counts per (event, section) by state, answered from the index alone.
CREATE INDEX seats_summary_idx ON seats (event_id, section, state);

-- Holds mirrored from Redis/DynamoDB; at most one active hold per seat.
CREATE TABLE holds (
    hold_id     uuid        PRIMARY KEY,
    event_id    text        NOT NULL,
    seat_id     text        NOT NULL,
    user_id     text        NOT NULL CHECK (user_id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
    status      text        NOT NULL DEFAULT 'active'
                            CHECK (status IN ('active', 'released', 'expired', 'consumed')),
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (event_id, seat_id) REFERENCES seats (event_id, seat_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX holds_active_seat_uq ON holds (event_id, seat_id) WHERE status = 'active';
-- Intent pricing checks that a user's active holds cover the requested seats.
CREATE INDEX holds_active_user_idx ON holds (event_id, user_id) WHERE status = 'active';
-- Expiry sweeps.
CREATE INDEX holds_active_expiry_idx ON holds (expires_at) WHERE status = 'active';

-- Payment intents, created idempotently: the key is unique and the fingerprint (SHA-256 hex of
-- the canonical request) tells a replay (same) from a key reuse (different → 422).
CREATE TABLE payment_intents (
    intent_id           uuid        PRIMARY KEY,
    idempotency_key     text        NOT NULL UNIQUE CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{8,128}$'),
    request_fingerprint char(64)    NOT NULL CHECK (request_fingerprint ~ '^[0-9a-f]{64}$'),
    user_id             text        NOT NULL,
    event_id            text        NOT NULL REFERENCES events (event_id),
    seat_ids            text[]      NOT NULL CHECK (cardinality(seat_ids) BETWEEN 1 AND 10),
    amount_minor        bigint      NOT NULL CHECK (amount_minor BETWEEN 0 AND 1000000000000),
    currency            char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status              text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    expires_at          timestamptz NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_intents_user_idx ON payment_intents (user_id, created_at);

-- Commits accepted by confirm-api (before the worker decides): makes the commit's
-- Idempotency-Key replayable and lets status answer `pending` for a queued commit.
CREATE TABLE commit_requests (
    idem                text        PRIMARY KEY CHECK (idem ~ '^[A-Za-z0-9_-]{8,128}$'),
    request_fingerprint char(64)    NOT NULL CHECK (request_fingerprint ~ '^[0-9a-f]{64}$'),
    intent_id           uuid        NOT NULL,
    event_id            text        NOT NULL,
    user_id             text        NOT NULL,
    seat_ids            text[]      NOT NULL CHECK (cardinality(seat_ids) BETWEEN 1 AND 10),
    created_at          timestamptz NOT NULL DEFAULT now()
);

-- The worker's decisions, one per commit (idem unique = idempotent processing).
-- intent_id is null only when the commit named an intent that does not exist.
CREATE TABLE orders (
    order_id    uuid        PRIMARY KEY,
    idem        text        NOT NULL UNIQUE CHECK (idem ~ '^[A-Za-z0-9_-]{8,128}$'),
    intent_id   uuid        REFERENCES payment_intents (intent_id),
    event_id    text        NOT NULL,
    user_id     text        NOT NULL,
    seat_ids    text[]      NOT NULL CHECK (cardinality(seat_ids) BETWEEN 1 AND 10),
    status      text        NOT NULL CHECK (status IN ('confirmed', 'rejected')),
    reason      text        CHECK (reason IN ('intent-not-found', 'intent-expired', 'intent-mismatch',
                                              'payment-declined', 'hold-missing', 'seat-unavailable',
                                              'already-ordered')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'rejected') = (reason IS NOT NULL)),
    CHECK (status = 'rejected' OR intent_id IS NOT NULL)
);
-- An intent is consumed by at most one confirmed order.
CREATE UNIQUE INDEX orders_confirmed_intent_uq ON orders (intent_id) WHERE status = 'confirmed';

-- The seats a confirmed order sold. The primary key is the database's own guarantee that no
-- seat is ever sold twice, whatever the application does.
CREATE TABLE order_seats (
    event_id    text NOT NULL,
    seat_id     text NOT NULL,
    order_id    uuid NOT NULL REFERENCES orders (order_id),
    PRIMARY KEY (event_id, seat_id),
    FOREIGN KEY (event_id, seat_id) REFERENCES seats (event_id, seat_id)
);
CREATE INDEX order_seats_order_idx ON order_seats (order_id);

-- One payment per intent: the provider's callback sets its outcome, the worker links the order.
CREATE TABLE payments (
    payment_id   uuid        PRIMARY KEY,
    intent_id    uuid        NOT NULL UNIQUE REFERENCES payment_intents (intent_id),
    order_id     uuid        UNIQUE REFERENCES orders (order_id),
    provider_ref text        UNIQUE CHECK (provider_ref ~ '^[A-Za-z0-9_-]{1,128}$'),
    amount_minor bigint      NOT NULL CHECK (amount_minor BETWEEN 0 AND 1000000000000),
    currency     char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status       text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
