-- Quartz's clustered store serialises its instances on rows of qrtz_locks, and inserts each row the
-- first time it is needed. Two instances starting together on a fresh database both insert it: one
-- gets a duplicate key, and as the connection is enlisted in a JTA transaction (store-type jdbc-cmt)
-- it cannot roll back, so that instance fails to start. The rows exist from the migration on instead.
-- 'QuarkusQuartzScheduler' is the scheduler name (quarkus.quartz.instance-name, left at its default).
INSERT INTO qrtz_locks (sched_name, lock_name)
VALUES ('QuarkusQuartzScheduler', 'TRIGGER_ACCESS'),
       ('QuarkusQuartzScheduler', 'STATE_ACCESS')
ON CONFLICT DO NOTHING;
