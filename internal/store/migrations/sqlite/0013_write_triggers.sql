-- ../postgres/0013_write_triggers.sql makes PostgreSQL's actor summary and
-- change-signal triggers cheaper to run; SQLite has neither problem (its
-- triggers plan each statement afresh, and 0010 added no trigger). This
-- file keeps the two dialects' versions in step.
SELECT 1;
