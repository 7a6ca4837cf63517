-- Several instances on one database: each intent records the instance that makes the call (the
-- Quartz scheduler instance id). An intent left open by an instance that is no longer a live member
-- of the Quartz cluster (qrtz_scheduler_state) is an orphan: another instance claims it by writing
-- its own id, re-sends it (the update is idempotent) and records the outcome. NULL: written before
-- this column existed, by a single instance.
ALTER TABLE audit_entry ADD COLUMN instance_id TEXT;

-- The append-only rule, with one more thing an open intent may change: who completes it.
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
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
        RAISE EXCEPTION 'audit_entry %: only the outcome of an intent, or the instance completing it, can be recorded', OLD.id;
    END IF;
    RETURN NEW;
END
$$;
