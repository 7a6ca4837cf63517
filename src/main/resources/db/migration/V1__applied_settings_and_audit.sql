-- What the daemon last got a success for, per model: its only "current state" (the API cannot read settings).
-- In dry-run the rows hold what would have been applied (dry_run = true); a live daemon ignores those.
CREATE TABLE applied_settings (
    model_id    TEXT        PRIMARY KEY,
    settings    JSONB       NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL,
    audit_id    BIGINT      NOT NULL,
    dry_run     BOOLEAN     NOT NULL DEFAULT false
);

-- Every decision, append-only. A row is written as an intent (outcome NULL) before the call and
-- completed with its outcome after it; once it has an outcome it can never change.
CREATE TABLE audit_entry (
    id               BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id         TEXT        NOT NULL,
    transition_at    TIMESTAMPTZ NOT NULL,
    trigger          TEXT        NOT NULL
        CHECK (trigger IN ('SCHEDULE', 'CATCH_UP', 'POLICY_CHANGE', 'OVERRIDE', 'MANUAL', 'RETRY', 'SAFETY')),
    policies         TEXT[]      NOT NULL DEFAULT '{}',
    base_audit_id    BIGINT,                -- the applied state this change starts from (NULL: none yet)
    before_settings  JSONB,                 -- applied settings before the change
    after_settings   JSONB       NOT NULL,  -- desired settings (all fields the policies set)
    sent_settings    JSONB,                 -- the fields sent: those of after_settings that differ
    warnings         TEXT[]      NOT NULL DEFAULT '{}',
    actor            TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    outcome          TEXT
        CHECK (outcome IN ('APPLIED', 'FAILED', 'DRY_RUN', 'SKIPPED')),
    reason           TEXT,
    http_status      INTEGER,
    attempts         INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    latency_ms       BIGINT,
    completed_at     TIMESTAMPTZ,
    CHECK ((outcome IS NULL) = (completed_at IS NULL))
);

-- Exactly once: at most one change of a model starts from a given applied state (an intent in
-- flight, APPLIED or DRY_RUN). FAILED and SKIPPED leave room for a later attempt; two instances,
-- or a restart, can never apply the same change twice.
CREATE UNIQUE INDEX audit_entry_one_change_per_applied_state
    ON audit_entry (model_id, COALESCE(base_audit_id, 0))
    WHERE outcome IS NULL OR outcome IN ('APPLIED', 'DRY_RUN');

-- Intents left without an outcome (a crash between the call and its record), found at start-up.
CREATE INDEX audit_entry_unfinished ON audit_entry (created_at) WHERE outcome IS NULL;

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit_entry % cannot be deleted: the audit is append-only', OLD.id;
    END IF;
    IF OLD.outcome IS NOT NULL THEN
        RAISE EXCEPTION 'audit_entry % already has outcome %: it cannot be changed', OLD.id, OLD.outcome;
    END IF;
    IF NEW.model_id IS DISTINCT FROM OLD.model_id
        OR NEW.transition_at IS DISTINCT FROM OLD.transition_at
        OR NEW.trigger IS DISTINCT FROM OLD.trigger
        OR NEW.policies IS DISTINCT FROM OLD.policies
        OR NEW.base_audit_id IS DISTINCT FROM OLD.base_audit_id
        OR NEW.sent_settings IS DISTINCT FROM OLD.sent_settings
        OR NEW.warnings IS DISTINCT FROM OLD.warnings
        OR NEW.before_settings IS DISTINCT FROM OLD.before_settings
        OR NEW.after_settings IS DISTINCT FROM OLD.after_settings
        OR NEW.actor IS DISTINCT FROM OLD.actor
        OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'audit_entry %: only the outcome of an intent can be recorded', OLD.id;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
