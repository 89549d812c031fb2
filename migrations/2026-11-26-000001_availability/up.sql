-- Streaming availability, cached per title, region and provider (one provider's whole answer per row).
CREATE TABLE availability_cache (
    media_id uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    region text NOT NULL CHECK (region ~ '^[A-Z]{2}$'),
    provider text NOT NULL,
    offers jsonb NOT NULL CHECK (jsonb_typeof(offers) = 'array'),
    fetched_at timestamptz NOT NULL,
    PRIMARY KEY (media_id, region, provider)
);

-- The streaming services a user subscribes to, in one region.
CREATE TABLE user_services (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    region text NOT NULL CHECK (region ~ '^[A-Z]{2}$'),
    services text[] NOT NULL DEFAULT '{}' CHECK (array_position(services, NULL) IS NULL),
    updated_at timestamptz NOT NULL DEFAULT now()
);
