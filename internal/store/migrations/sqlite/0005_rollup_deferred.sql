-- Nothing to do on SQLite; the number keeps the dialects in step with
-- ../postgres/0005_rollup_deferred.sql, which defers PostgreSQL's rollup
-- triggers to commit so concurrent writers do not queue on one rollup row.
-- SQLite has one writer at a time, so its triggers (0003, 0004) stay as
-- they are.
SELECT 1;
