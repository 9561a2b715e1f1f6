-- An actor page's counts: see ../sqlite/0019_actor_targets.sql for why.
-- actor_incidents gains the incident's admin1 and certainty (in the
-- covering index of 0017) and the actor's roles in it (1 perpetrator,
-- + 2 target or victim);
-- actor_targets counts, per actor, the targets and victims of the
-- incidents it perpetrated by country and type (perpetrator x target
-- pairs only: linear in an incident's actors while it names few
-- perpetrators, where every pair was quadratic); actor_places its
-- incidents by country, admin1 and type; the sync (0017) keeps all three.
ALTER TABLE actor_incidents ADD COLUMN admin1 TEXT NOT NULL DEFAULT '';
ALTER TABLE actor_incidents ADD COLUMN roles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actor_incidents ADD COLUMN certainty TEXT NOT NULL DEFAULT '';
UPDATE actor_incidents c SET admin1 = i.admin1, certainty = i.certainty
FROM incidents i WHERE i.id = c.incident_id AND (i.admin1 <> '' OR i.certainty <> '');
UPDATE actor_incidents c SET roles = r.roles
FROM (SELECT incident_id, actor, max(CASE WHEN role = 'perpetrator' THEN 1 ELSE 0 END)
    + max(CASE WHEN role IN ('target', 'victim') THEN 2 ELSE 0 END) AS roles
    FROM incident_actors GROUP BY incident_id, actor) r
WHERE r.incident_id = c.incident_id AND r.actor = c.actor;

DROP INDEX actor_incidents_date;
CREATE INDEX actor_incidents_date ON actor_incidents (actor, date_start, incident_id)
    INCLUDE (date_end, type, country, killed, wounded, admin1, certainty);

CREATE TABLE actor_targets (
    actor     TEXT NOT NULL, -- a perpetrator of the incidents
    target    TEXT NOT NULL, -- a target or victim of them
    country   TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents BIGINT NOT NULL,
    killed    BIGINT NOT NULL,
    wounded   BIGINT NOT NULL,
    PRIMARY KEY (actor, target, country, type)
);

INSERT INTO actor_targets
SELECT a.actor, b.actor, a.country, a.type, count(*), sum(a.killed), sum(a.wounded)
FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
WHERE a.roles IN (1, 3) AND b.roles IN (2, 3)
GROUP BY a.actor, b.actor, a.country, a.type;

-- actor_places: per actor, country, admin1 and type, its incidents, their
-- killed and wounded (an actor page's places).
CREATE TABLE actor_places (
    actor     TEXT NOT NULL,
    country   TEXT NOT NULL,
    admin1    TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents BIGINT NOT NULL,
    killed    BIGINT NOT NULL,
    wounded   BIGINT NOT NULL,
    PRIMARY KEY (actor, country, admin1, type)
);

INSERT INTO actor_places
SELECT actor, country, admin1, type, count(*), sum(killed), sum(wounded)
FROM actor_incidents GROUP BY actor, country, admin1, type;

-- 0017's function, writing the new columns, the targets and the places.
-- CREATE OR REPLACE resets the function's settings, so 0008's and 0013's
-- are set again below.
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
    -- Each perpetrator x target pair of its rows is one key of
    -- actor_targets, once.
    FOR c IN SELECT a.actor, b.actor AS target, a.country, a.type, a.killed, a.wounded
        FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
        WHERE a.incident_id = x AND a.roles IN (1, 3) AND b.roles IN (2, 3) LOOP
        UPDATE actor_targets p SET incidents = p.incidents - 1, killed = p.killed - c.killed,
            wounded = p.wounded - c.wounded
        WHERE p.actor = c.actor AND p.target = c.target AND p.country = c.country AND p.type = c.type
        RETURNING p.incidents INTO n;
        IF n = 0 THEN
            DELETE FROM actor_targets p WHERE p.actor = c.actor AND p.target = c.target
                AND p.country = c.country AND p.type = c.type;
        END IF;
    END LOOP;
    FOR c IN SELECT actor, country, admin1, type, killed, wounded FROM actor_incidents WHERE incident_id = x LOOP
        UPDATE actor_places p SET incidents = p.incidents - 1, killed = p.killed - c.killed,
            wounded = p.wounded - c.wounded
        WHERE p.actor = c.actor AND p.country = c.country AND p.admin1 = c.admin1 AND p.type = c.type
        RETURNING p.incidents INTO n;
        IF n = 0 THEN
            DELETE FROM actor_places p WHERE p.actor = c.actor AND p.country = c.country AND p.admin1 = c.admin1
                AND p.type = c.type;
        END IF;
    END LOOP;
    DELETE FROM actor_incidents WHERE incident_id = x;
    -- Put in what it counts now (nothing once the incident is deleted).
    INSERT INTO actor_incidents (incident_id, actor, country, type, date_start, killed, resolved, date_end, wounded,
        admin1, roles, certainty)
    SELECT i.id, a.actor, i.country, i.type, i.date_start, COALESCE(i.killed_best, 0),
        max(CAST(a.resolved AS INTEGER)), i.date_end, COALESCE(i.wounded_best, 0), i.admin1,
        max(CASE WHEN a.role = 'perpetrator' THEN 1 ELSE 0 END)
            + max(CASE WHEN a.role IN ('target', 'victim') THEN 2 ELSE 0 END), i.certainty
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
    INSERT INTO actor_targets AS p (actor, target, country, type, incidents, killed, wounded)
    SELECT a.actor, b.actor, a.country, a.type, 1, a.killed, a.wounded
    FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
    WHERE a.incident_id = x AND a.roles IN (1, 3) AND b.roles IN (2, 3)
    ON CONFLICT (actor, target, country, type) DO UPDATE SET incidents = p.incidents + 1,
        killed = p.killed + excluded.killed, wounded = p.wounded + excluded.wounded;
    INSERT INTO actor_places AS p (actor, country, admin1, type, incidents, killed, wounded)
    SELECT actor, country, admin1, type, 1, killed, wounded FROM actor_incidents
    WHERE incident_id = x
    ON CONFLICT (actor, country, admin1, type) DO UPDATE SET incidents = p.incidents + 1,
        killed = p.killed + excluded.killed, wounded = p.wounded + excluded.wounded;
END
$$;
ALTER FUNCTION actor_summary_sync(BIGINT) SET plan_cache_mode = auto;
ALTER FUNCTION actor_summary_sync(BIGINT) SET enable_seqscan = off;

-- An incident's admin1 and certainty now count in its rows too.
DROP TRIGGER incidents_actor_summary_update ON incidents;
CREATE CONSTRAINT TRIGGER incidents_actor_summary_update AFTER UPDATE OF country, admin1, type, date_start,
    date_end, killed_best, wounded_best, certainty ON incidents DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.country <> NEW.country OR OLD.admin1 <> NEW.admin1 OR OLD.type <> NEW.type
        OR OLD.certainty <> NEW.certainty
        OR OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.date_end IS DISTINCT FROM NEW.date_end
        OR OLD.killed_best IS DISTINCT FROM NEW.killed_best OR OLD.wounded_best IS DISTINCT FROM NEW.wounded_best)
    EXECUTE FUNCTION incidents_actor_summary();

ANALYZE actor_targets;
ANALYZE actor_places;
-- The UPDATEs above left a dead version of every row of actor_incidents:
-- vacuumed once this migration commits (see vacuumPrefix in migrate.go).
-- sitrep:vacuum actor_incidents
