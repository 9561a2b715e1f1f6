-- Actor summaries (see rollup.go). Keep in step with
-- ../postgres/0006_read_paths.sql.
--
-- Listing actors over a million incidents grouped every (incident, actor)
-- row the filter met: 5-8 s for all incidents. actor_summary keeps, per
-- actor x country x type, the incidents (each once, whatever its roles),
-- their killed (best estimates), how many name the actor as resolved, and
-- the first and last day, so Actors filtered by nothing, a country or a
-- type groups a few thousand summary rows instead.
--
-- actor_incidents is what each incident currently counts in the summary:
-- one row per incident and actor with the incident's keys. It is what
-- lets a change be undone exactly (subtract the old row, add the new), and
-- its (actor, country, type, date_start) index gives a key's first and
-- last day in two index seeks when the incident holding one leaves.
CREATE TABLE actor_incidents (
    incident_id INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    country     TEXT NOT NULL,
    type        TEXT NOT NULL,
    date_start  TEXT,
    killed      INTEGER NOT NULL,
    resolved    INTEGER NOT NULL,
    PRIMARY KEY (incident_id, actor)
);
CREATE INDEX actor_incidents_key ON actor_incidents (actor, country, type, date_start);

CREATE TABLE actor_summary (
    actor     TEXT NOT NULL,
    country   TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents INTEGER NOT NULL,
    killed    INTEGER NOT NULL,
    resolved  INTEGER NOT NULL, -- incidents naming the actor as a catalog actor
    first     TEXT,
    last      TEXT,
    PRIMARY KEY (actor, country, type)
);
CREATE INDEX actor_summary_country ON actor_summary (country, type);
CREATE INDEX actor_summary_type ON actor_summary (type);

INSERT INTO actor_incidents
SELECT i.id, a.actor, i.country, i.type, i.date_start, COALESCE(i.killed_best, 0), max(a.resolved)
FROM incident_actors a JOIN incidents i ON i.id = a.incident_id
GROUP BY i.id, a.actor;

INSERT INTO actor_summary
SELECT actor, country, type, count(*), sum(killed), sum(resolved), min(date_start), max(date_start)
FROM actor_incidents GROUP BY actor, country, type;

-- The triggers name the incident whose actors or keys changed; inserting
-- it here runs the one body below that brings its rows up to date
-- (SQLite triggers have no functions to share a body). The body reads the
-- current rows, so running it twice for one change is harmless.
CREATE TABLE actor_sync (incident_id INTEGER NOT NULL);

CREATE TRIGGER actor_sync_run AFTER INSERT ON actor_sync BEGIN
    -- Take out what the incident counted.
    UPDATE actor_summary SET incidents = incidents - 1,
        killed = killed - (SELECT c.killed FROM actor_incidents c
            WHERE c.incident_id = new.incident_id AND c.actor = actor_summary.actor),
        resolved = resolved - (SELECT c.resolved FROM actor_incidents c
            WHERE c.incident_id = new.incident_id AND c.actor = actor_summary.actor),
        first = (SELECT min(c.date_start) FROM actor_incidents c WHERE c.actor = actor_summary.actor
            AND c.country = actor_summary.country AND c.type = actor_summary.type
            AND c.incident_id <> new.incident_id),
        last = (SELECT max(c.date_start) FROM actor_incidents c WHERE c.actor = actor_summary.actor
            AND c.country = actor_summary.country AND c.type = actor_summary.type
            AND c.incident_id <> new.incident_id)
    WHERE (actor, country, type) IN (SELECT actor, country, type FROM actor_incidents
        WHERE incident_id = new.incident_id);
    DELETE FROM actor_summary WHERE incidents = 0 AND (actor, country, type) IN
        (SELECT actor, country, type FROM actor_incidents WHERE incident_id = new.incident_id);
    DELETE FROM actor_incidents WHERE incident_id = new.incident_id;
    -- Put in what it counts now (nothing once the incident is deleted).
    INSERT INTO actor_incidents
    SELECT i.id, a.actor, i.country, i.type, i.date_start, COALESCE(i.killed_best, 0), max(a.resolved)
    FROM incident_actors a JOIN incidents i ON i.id = a.incident_id
    WHERE a.incident_id = new.incident_id GROUP BY i.id, a.actor;
    INSERT INTO actor_summary (actor, country, type, incidents, killed, resolved, first, last)
    SELECT actor, country, type, 1, killed, resolved, date_start, date_start FROM actor_incidents
    WHERE incident_id = new.incident_id
    ON CONFLICT (actor, country, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, resolved = resolved + excluded.resolved,
        first = CASE WHEN excluded.first IS NULL OR (first IS NOT NULL AND first <= excluded.first)
            THEN first ELSE excluded.first END,
        last = CASE WHEN excluded.last IS NULL OR (last IS NOT NULL AND last >= excluded.last)
            THEN last ELSE excluded.last END;
    DELETE FROM actor_sync WHERE rowid = new.rowid;
END;

CREATE TRIGGER incident_actors_summary_insert AFTER INSERT ON incident_actors BEGIN
    INSERT INTO actor_sync VALUES (new.incident_id);
END;
CREATE TRIGGER incident_actors_summary_delete AFTER DELETE ON incident_actors BEGIN
    INSERT INTO actor_sync VALUES (old.incident_id);
END;
CREATE TRIGGER incident_actors_summary_update AFTER UPDATE ON incident_actors BEGIN
    INSERT INTO actor_sync VALUES (old.incident_id);
    INSERT INTO actor_sync SELECT new.incident_id WHERE new.incident_id <> old.incident_id;
END;
CREATE TRIGGER incidents_actor_summary_update AFTER UPDATE OF country, type, date_start, killed_best
    ON incidents WHEN old.country <> new.country OR old.type <> new.type
        OR old.date_start IS NOT new.date_start OR old.killed_best IS NOT new.killed_best BEGIN
    INSERT INTO actor_sync VALUES (new.id);
END;
CREATE TRIGGER incidents_actor_summary_delete AFTER DELETE ON incidents BEGIN
    INSERT INTO actor_sync VALUES (old.id);
END;

-- Bounding boxes (IncidentFilter.BBox) through an R*Tree of the incidents'
-- points. The (lon, lat) index of 0004 bounds only the longitude, so a box
-- over a populated band read every incident of that band of longitude; the
-- R*Tree finds the points of both ranges at once. Its coordinates are
-- 32-bit floats rounded outwards, so the query keeps the exact test on
-- incidents' own columns and uses the tree only to find candidates.
CREATE VIRTUAL TABLE incident_points USING rtree(id, min_lon, max_lon, min_lat, max_lat);
INSERT INTO incident_points SELECT id, lon, lon, lat, lat FROM incidents
WHERE lon IS NOT NULL AND lat IS NOT NULL;

CREATE TRIGGER incidents_points_insert AFTER INSERT ON incidents
    WHEN new.lon IS NOT NULL AND new.lat IS NOT NULL BEGIN
    INSERT INTO incident_points VALUES (new.id, new.lon, new.lon, new.lat, new.lat);
END;
CREATE TRIGGER incidents_points_update AFTER UPDATE OF lon, lat ON incidents BEGIN
    DELETE FROM incident_points WHERE id = old.id;
    INSERT INTO incident_points SELECT new.id, new.lon, new.lon, new.lat, new.lat
    WHERE new.lon IS NOT NULL AND new.lat IS NOT NULL;
END;
CREATE TRIGGER incidents_points_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM incident_points WHERE id = old.id;
END;
