-- ../sqlite/0015_fts_optimize.sql merges SQLite's full-text index into
-- one segment; PostgreSQL's GIN index has no segments to merge. This file
-- keeps the two dialects' versions in step.
SELECT 1;
