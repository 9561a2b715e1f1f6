-- Timeline counts under an actor filter: see ../sqlite/0017_actor_counts.sql
-- for why. actor_incidents gains the incident's last day and wounded, the
-- (actor, date_start, incident_id) index of 0009 includes every column a
-- count reads, and the sync (0008) writes the new columns.
ALTER TABLE actor_incidents ADD COLUMN date_end TEXT;
ALTER TABLE actor_incidents ADD COLUMN wounded BIGINT NOT NULL DEFAULT 0;
UPDATE actor_incidents c SET date_end = i.date_end, wounded = COALESCE(i.wounded_best, 0)
FROM incidents i WHERE i.id = c.incident_id;

DROP INDEX actor_incidents_date;
CREATE INDEX actor_incidents_date ON actor_incidents (actor, date_start, incident_id)
    INCLUDE (date_end, type, country, killed, wounded);

-- 0008's function, writing the two new columns. CREATE OR REPLACE resets
-- the function's settings, so 0008's and 0013's are set again below.
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
    INSERT INTO actor_incidents (incident_id, actor, country, type, date_start, killed, resolved, date_end, wounded)
    SELECT i.id, a.actor, i.country, i.type, i.date_start, COALESCE(i.killed_best, 0),
        max(CAST(a.resolved AS INTEGER)), i.date_end, COALESCE(i.wounded_best, 0)
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
ALTER FUNCTION actor_summary_sync(BIGINT) SET plan_cache_mode = auto;
ALTER FUNCTION actor_summary_sync(BIGINT) SET enable_seqscan = off;

-- An incident's last day or wounded now count in its rows too.
DROP TRIGGER incidents_actor_summary_update ON incidents;
CREATE CONSTRAINT TRIGGER incidents_actor_summary_update AFTER UPDATE OF country, type, date_start, date_end,
    killed_best, wounded_best ON incidents DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.country <> NEW.country OR OLD.type <> NEW.type
        OR OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.date_end IS DISTINCT FROM NEW.date_end
        OR OLD.killed_best IS DISTINCT FROM NEW.killed_best OR OLD.wounded_best IS DISTINCT FROM NEW.wounded_best)
    EXECUTE FUNCTION incidents_actor_summary();

ANALYZE actor_incidents;
