-- Policies created through the admin API (the same shape as the YAML files, kept as JSON text).
CREATE TABLE api_policy (
    name        TEXT        PRIMARY KEY,
    body        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT        NOT NULL
);

-- Paused policies (file or API), by name.
CREATE TABLE policy_pause (
    name       TEXT        PRIMARY KEY,
    paused_at  TIMESTAMPTZ NOT NULL,
    paused_by  TEXT        NOT NULL
);

-- Settings pinned on a model above every policy until an instant.
CREATE TABLE model_override (
    model_id    TEXT        PRIMARY KEY,
    settings    JSONB       NOT NULL,
    until       TIMESTAMPTZ NOT NULL,
    reason      TEXT        NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL
);

-- The incident switch: while a row is here no change is sent.
CREATE TABLE freeze_switch (
    singleton  BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    since      TIMESTAMPTZ NOT NULL,
    actor      TEXT        NOT NULL,
    reason     TEXT        NOT NULL DEFAULT ''
);
