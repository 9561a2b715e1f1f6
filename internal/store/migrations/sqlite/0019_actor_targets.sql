-- An actor page's counts (see actorCountsFit, actorTargetsFit and
-- actorPlacesFit in rollup.go). Keep in step with
-- ../postgres/0019_actor_targets.sql.
--
-- After 0017 the page of the most frequent actor of the 1M load store
-- (121,498 incidents) still took 1.2-1.5 s: its "places" (a count by
-- country and admin1) read each of the actor's incidents from the table,
-- admin1 being in no index of actor_incidents, and its "frequent targets"
-- (a count by target) joined every one of its incidents to incident_actors.
--
-- actor_incidents gains the incident's admin1 and certainty, in the
-- (actor, date_start, incident_id) index with the other columns a count
-- reads (an actor's counts under an admin1 or a certainty filter read the
-- incidents too: 0.3 s for the most frequent actor's timeline with a
-- certainty), and the roles
-- the actor holds in the incident: 1 if a perpetrator, + 2 if a target or
-- a victim (the roles CountIncidents' ByPerpetrator and ByTarget cover;
-- ByActor covers both; IncidentFilter.ActorRole filters by them). The
-- roles are what an incident counted in actor_targets until its actors
-- change, as the other columns are for actor_summary.
--
-- actor_targets: per actor, each actor that was a target or a victim of
-- the incidents it perpetrated (the actor itself included if it was both),
-- country and type, the incidents (each once), their killed and wounded.
-- The targets and victims of an actor's own acts, perhaps filtered by
-- country or type (CountIncidents by ByTarget under the actor with
-- ActorRole perpetrator: an actor page's "targets and victims of its
-- attacks"), are then a sum over the actor's rows.
--
-- Only perpetrator x target pairs, not every pair of an incident's actors:
-- the rows an incident writes are its perpetrators times its targets and
-- victims, which is linear in its actors while it names few perpetrators
-- (most name one; a text listing victims one by one adds one row per
-- victim). A table of every pair (branch hA, reverted in 9f929e1) wrote the
-- square of the incident's actors (2,704 rows for an incident of 52), and
-- the sync, which rewrites them whenever the incident changes while the
-- writer holds its locks, made concurrent PostgreSQL writers 4x slower.
-- Kept by the actor sync like actor_summary: take out the pairs of an
-- incident's old rows, put in those of its new.
ALTER TABLE actor_incidents ADD COLUMN admin1 TEXT NOT NULL DEFAULT '';
ALTER TABLE actor_incidents ADD COLUMN roles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actor_incidents ADD COLUMN certainty TEXT NOT NULL DEFAULT '';
UPDATE actor_incidents SET admin1 = i.admin1, certainty = i.certainty
FROM incidents i WHERE i.id = actor_incidents.incident_id AND (i.admin1 <> '' OR i.certainty <> '');
UPDATE actor_incidents SET roles = r.roles
FROM (SELECT incident_id, actor, max(CASE WHEN role = 'perpetrator' THEN 1 ELSE 0 END)
    + max(CASE WHEN role IN ('target', 'victim') THEN 2 ELSE 0 END) AS roles
    FROM incident_actors GROUP BY incident_id, actor) r
WHERE r.incident_id = actor_incidents.incident_id AND r.actor = actor_incidents.actor;

DROP INDEX actor_incidents_date;
CREATE INDEX actor_incidents_date ON actor_incidents
    (actor, date_start, incident_id, date_end, type, country, killed, wounded, admin1, certainty);

CREATE TABLE actor_targets (
    actor     TEXT NOT NULL, -- a perpetrator of the incidents
    target    TEXT NOT NULL, -- a target or victim of them
    country   TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents INTEGER NOT NULL,
    killed    INTEGER NOT NULL,
    wounded   INTEGER NOT NULL,
    PRIMARY KEY (actor, target, country, type)
) WITHOUT ROWID;

INSERT INTO actor_targets
SELECT a.actor, b.actor, a.country, a.type, count(*), sum(a.killed), sum(a.wounded)
FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
WHERE a.roles IN (1, 3) AND b.roles IN (2, 3)
GROUP BY a.actor, b.actor, a.country, a.type;

-- actor_places: per actor, country, admin1 and type, its incidents, their
-- killed and wounded: an actor page's "places" (a count by country and
-- admin1) sums the actor's rows (8,448 for the most frequent actor of the
-- load store) instead of reading an index entry per incident (121,498,
-- 0.7 s under load). Kept by the sync as actor_targets is.
CREATE TABLE actor_places (
    actor     TEXT NOT NULL,
    country   TEXT NOT NULL,
    admin1    TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents INTEGER NOT NULL,
    killed    INTEGER NOT NULL,
    wounded   INTEGER NOT NULL,
    PRIMARY KEY (actor, country, admin1, type)
) WITHOUT ROWID;

INSERT INTO actor_places
SELECT actor, country, admin1, type, count(*), sum(killed), sum(wounded)
FROM actor_incidents GROUP BY actor, country, admin1, type;

-- The sync of 0017, writing the new columns, the targets and the places.
DROP TRIGGER actor_sync_run;
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
    -- Each perpetrator x target pair of the incident's rows is one key of
    -- actor_targets, once.
    UPDATE actor_targets SET incidents = incidents - 1,
        killed = killed - (SELECT c.killed FROM actor_incidents c
            WHERE c.incident_id = new.incident_id AND c.actor = actor_targets.actor),
        wounded = wounded - (SELECT c.wounded FROM actor_incidents c
            WHERE c.incident_id = new.incident_id AND c.actor = actor_targets.actor)
    WHERE (actor, target, country, type) IN (SELECT a.actor, b.actor, a.country, a.type
        FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
        WHERE a.incident_id = new.incident_id AND a.roles IN (1, 3) AND b.roles IN (2, 3));
    DELETE FROM actor_targets WHERE incidents = 0 AND (actor, target, country, type) IN
        (SELECT a.actor, b.actor, a.country, a.type
        FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
        WHERE a.incident_id = new.incident_id AND a.roles IN (1, 3) AND b.roles IN (2, 3));
    UPDATE actor_places SET incidents = incidents - 1,
        killed = killed - (SELECT c.killed FROM actor_incidents c
            WHERE c.incident_id = new.incident_id AND c.actor = actor_places.actor),
        wounded = wounded - (SELECT c.wounded FROM actor_incidents c
            WHERE c.incident_id = new.incident_id AND c.actor = actor_places.actor)
    WHERE (actor, country, admin1, type) IN (SELECT actor, country, admin1, type FROM actor_incidents
        WHERE incident_id = new.incident_id);
    DELETE FROM actor_places WHERE incidents = 0 AND (actor, country, admin1, type) IN
        (SELECT actor, country, admin1, type FROM actor_incidents WHERE incident_id = new.incident_id);
    DELETE FROM actor_incidents WHERE incident_id = new.incident_id;
    -- Put in what it counts now (nothing once the incident is deleted).
    INSERT INTO actor_incidents (incident_id, actor, country, type, date_start, killed, resolved, date_end, wounded,
        admin1, roles, certainty)
    SELECT i.id, a.actor, i.country, i.type, i.date_start, COALESCE(i.killed_best, 0), max(a.resolved),
        i.date_end, COALESCE(i.wounded_best, 0), i.admin1,
        max(CASE WHEN a.role = 'perpetrator' THEN 1 ELSE 0 END)
            + max(CASE WHEN a.role IN ('target', 'victim') THEN 2 ELSE 0 END), i.certainty
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
    INSERT INTO actor_targets (actor, target, country, type, incidents, killed, wounded)
    SELECT a.actor, b.actor, a.country, a.type, 1, a.killed, a.wounded
    FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
    WHERE a.incident_id = new.incident_id AND a.roles IN (1, 3) AND b.roles IN (2, 3)
    ON CONFLICT (actor, target, country, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
    INSERT INTO actor_places (actor, country, admin1, type, incidents, killed, wounded)
    SELECT actor, country, admin1, type, 1, killed, wounded FROM actor_incidents
    WHERE incident_id = new.incident_id
    ON CONFLICT (actor, country, admin1, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
    DELETE FROM actor_sync WHERE rowid = new.rowid;
END;

-- An incident's admin1 and certainty now count in its rows too.
DROP TRIGGER incidents_actor_summary_update;
CREATE TRIGGER incidents_actor_summary_update AFTER UPDATE OF country, admin1, type, date_start, date_end,
    killed_best, wounded_best, certainty ON incidents
    WHEN old.country <> new.country OR old.admin1 <> new.admin1 OR old.type <> new.type
        OR old.certainty <> new.certainty
        OR old.date_start IS NOT new.date_start OR old.date_end IS NOT new.date_end
        OR old.killed_best IS NOT new.killed_best OR old.wounded_best IS NOT new.wounded_best BEGIN
    INSERT INTO actor_sync VALUES (new.id);
END;
