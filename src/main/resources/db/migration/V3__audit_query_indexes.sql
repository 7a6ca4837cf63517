-- Indexes for the audit query (newest first, keyset pages on id) and the capacity report.
-- Every page query is "WHERE <filters> AND id < :cursor ORDER BY id DESC LIMIT n": an index that
-- starts with the equality filter and ends with id lets PostgreSQL walk it backwards from the cursor
-- and stop after n rows, however many rows the filter matches in all.

-- Filter by model (the most common one): one backward range scan per page.
CREATE INDEX audit_entry_model_id_desc ON audit_entry (model_id, id DESC);

-- Filter by outcome (e.g. every FAILED row): same shape as the model index.
CREATE INDEX audit_entry_outcome_id_desc ON audit_entry (outcome, id DESC);

-- Filter by policy: "policies @> ARRAY[:policy]" can only use a GIN index on the array.
CREATE INDEX audit_entry_policies_gin ON audit_entry USING GIN (policies);

-- Filter by time range on created_at (from inclusive, to exclusive), alone or with the others.
CREATE INDEX audit_entry_created_at ON audit_entry (created_at);

-- Capacity report: the APPLIED history of each model in completion order, and the last APPLIED row
-- before the start of a range (DISTINCT ON model_id ... ORDER BY completed_at DESC).
CREATE INDEX audit_entry_applied_by_model ON audit_entry (model_id, completed_at, id) WHERE outcome = 'APPLIED';
