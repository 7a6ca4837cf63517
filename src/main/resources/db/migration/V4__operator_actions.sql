-- Every write through the admin API, with who made it: policy edits, pauses, overrides, freezes,
-- manual reconciles. Append-only, like audit_entry (which holds the model changes they cause).
CREATE TABLE operator_action (
    id      BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL,
    actor   TEXT        NOT NULL,
    action  TEXT        NOT NULL,
    target  TEXT        NOT NULL DEFAULT '',
    details TEXT        NOT NULL DEFAULT ''
);

CREATE INDEX operator_action_at ON operator_action (at DESC);

CREATE FUNCTION operator_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'operator_action % cannot be changed or deleted: it is append-only', OLD.id;
END
$$;

CREATE TRIGGER operator_action_append_only
    BEFORE UPDATE OR DELETE ON operator_action
    FOR EACH ROW EXECUTE FUNCTION operator_action_append_only();
