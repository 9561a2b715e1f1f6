-- Keep in step with ../postgres/0008_write_path.sql, whose other changes
-- (the full-text index's pending list, planning in the rollup functions)
-- are PostgreSQL's own: SQLite's FTS5 index and triggers have neither.
--
-- The primary key (incident_id, event_id) already serves every lookup by
-- incident_id; this index only cost a write per report.
DROP INDEX incident_reports_incident;

-- Keeps the index as PostgreSQL's (there the planner took it over the
-- primary key for a lookup of one summary row, and read every actor of the
-- country and type); SQLite's planner takes the primary key, so this only
-- keeps the schemas alike.
DROP INDEX actor_summary_country;
CREATE INDEX actor_summary_country ON actor_summary (country, type, actor);
