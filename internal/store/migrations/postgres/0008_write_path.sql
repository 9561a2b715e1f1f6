-- What the server does for each article put (issue #5). Keep in step with
-- ../sqlite/0008_write_path.sql. Found with pg_stat_statements over an
-- ingest of a few thousand news articles into a new store (autovacuum off,
-- as on the project's servers, so the planner has no statistics):
--
-- The full-text index kept new articles' words in its pending list (GIN's
-- fastupdate) until the list reached 4 MB, and every search, such as the
-- name lookups of merging (one an article), read the whole list: 22 ms a
-- search, the largest single cost of the ingest. A list of 64 kB is merged
-- into the index every few articles, in sorted runs, and a search reads at
-- most those few articles' entries.
ALTER INDEX articles_search SET (gin_pending_list_limit = 64);

-- The primary key (incident_id, event_id) already serves every lookup by
-- incident_id; this index only cost a write per report.
DROP INDEX incident_reports_incident;

-- A summary row by its key (actor, country, type), as the sync below looks
-- it up, read every actor of the country and type: without statistics the
-- planner took this index, equal in cost to the primary key, and filtered
-- on actor. With actor in it, either index finds the one row.
DROP INDEX actor_summary_country;
CREATE INDEX actor_summary_country ON actor_summary (country, type, actor);

-- actor_summary_sync as in 0006, but taking out what an incident counted
-- one summary row at a time, by primary key. The set-based UPDATE and
-- DELETE joined actor_summary to the incident's rows, and without
-- statistics the DELETE's plan read all of actor_summary for every
-- incident synced (a sequential scan filtering incidents = 0): a cost
-- that grew with the store.
CREATE OR REPLACE FUNCTION actor_summary_sync(x BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    done TEXT := current_setting('sitrep.actor_summary_synced', true);
    c RECORD;
    n BIGINT;
BEGIN
    -- Once per incident and transaction (see 0006).
    IF position(',' || x || ',' IN COALESCE(done, '')) > 0 THEN
        RETURN;
    END IF;
    PERFORM set_config('sitrep.actor_summary_synced', COALESCE(NULLIF(done, ''), ',') || x || ',', true);
    -- Take out what the incident counted: one row of actor_incidents per
    -- actor, so one summary row each.
    FOR c IN SELECT actor, country, type, killed, resolved FROM actor_incidents WHERE incident_id = x LOOP
        UPDATE actor_summary s SET incidents = s.incidents - 1, killed = s.killed - c.killed,
            resolved = s.resolved - c.resolved,
            first = (SELECT min(o.date_start) FROM actor_incidents o WHERE o.actor = s.actor
                AND o.country = s.country AND o.type = s.type AND o.incident_id <> x),
            last = (SELECT max(o.date_start) FROM actor_incidents o WHERE o.actor = s.actor
                AND o.country = s.country AND o.type = s.type AND o.incident_id <> x)
        WHERE s.actor = c.actor AND s.country = c.country AND s.type = c.type
        RETURNING s.incidents INTO n;
        IF n = 0 THEN
            DELETE FROM actor_summary WHERE actor = c.actor AND country = c.country AND type = c.type;
        END IF;
    END LOOP;
    DELETE FROM actor_incidents WHERE incident_id = x;
    -- Put in what it counts now (nothing once the incident is deleted).
    INSERT INTO actor_incidents
    SELECT i.id, a.actor, i.country, i.type, i.date_start, COALESCE(i.killed_best, 0),
        max(CAST(a.resolved AS INTEGER))
    FROM incident_actors a JOIN incidents i ON i.id = a.incident_id
    WHERE a.incident_id = x GROUP BY i.id, a.actor;
    INSERT INTO actor_summary AS s (actor, country, type, incidents, killed, resolved, first, last)
    SELECT actor, country, type, 1, killed, resolved, date_start, date_start FROM actor_incidents
    WHERE incident_id = x
    ON CONFLICT (actor, country, type) DO UPDATE SET incidents = s.incidents + 1,
        killed = s.killed + excluded.killed, resolved = s.resolved + excluded.resolved,
        first = CASE WHEN excluded.first IS NULL OR (s.first IS NOT NULL AND s.first <= excluded.first)
            THEN s.first ELSE excluded.first END,
        last = CASE WHEN excluded.last IS NULL OR (s.last IS NOT NULL AND s.last >= excluded.last)
            THEN s.last ELSE excluded.last END;
END
$$;

-- The store sets plan_cache_mode = force_custom_plan on its connections
-- (see openPostgres: a generic plan of a word search walked every
-- incident), which re-plans every statement of these functions on every
-- call: planning was more of their time than running. Their statements
-- are lookups by key, which one generic plan serves for any arguments.
ALTER FUNCTION actor_summary_sync(BIGINT) SET plan_cache_mode = auto;
ALTER FUNCTION incidents_rollup() SET plan_cache_mode = auto;
ALTER FUNCTION incidents_months() SET plan_cache_mode = auto;
