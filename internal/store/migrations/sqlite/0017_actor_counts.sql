-- Timeline counts under an actor filter (the events page's chart; see
-- actorCountsFit in rollup.go). Keep in step with
-- ../postgres/0017_actor_counts.sql.
--
-- Counted over incidents, an actor's timeline read each of its incidents
-- from the table by id: on the 1M load store about a second for a frequent
-- actor. actor_incidents (0006) already holds one row per incident and
-- actor with the incident's country, type, first day and killed, kept
-- exactly by the actor summary's sync. With the last day and the wounded
-- too, and all of them in the (actor, date_start, incident_id) index of
-- 0009, the count reads that index's entries for the actor and nothing
-- else: exact for any window of days, type or country, with no new table
-- or trigger. The index stays what the actor's list walks, wider.
ALTER TABLE actor_incidents ADD COLUMN date_end TEXT;
ALTER TABLE actor_incidents ADD COLUMN wounded INTEGER NOT NULL DEFAULT 0;
UPDATE actor_incidents SET date_end = i.date_end, wounded = COALESCE(i.wounded_best, 0)
FROM incidents i WHERE i.id = actor_incidents.incident_id;

DROP INDEX actor_incidents_date;
CREATE INDEX actor_incidents_date ON actor_incidents
    (actor, date_start, incident_id, date_end, type, country, killed, wounded);

-- The sync of 0006, writing the two new columns.
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
    DELETE FROM actor_incidents WHERE incident_id = new.incident_id;
    -- Put in what it counts now (nothing once the incident is deleted).
    INSERT INTO actor_incidents (incident_id, actor, country, type, date_start, killed, resolved, date_end, wounded)
    SELECT i.id, a.actor, i.country, i.type, i.date_start, COALESCE(i.killed_best, 0), max(a.resolved),
        i.date_end, COALESCE(i.wounded_best, 0)
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

-- An incident's last day or wounded now count in its rows too.
DROP TRIGGER incidents_actor_summary_update;
CREATE TRIGGER incidents_actor_summary_update AFTER UPDATE OF country, type, date_start, date_end,
    killed_best, wounded_best ON incidents
    WHEN old.country <> new.country OR old.type <> new.type OR old.date_start IS NOT new.date_start
        OR old.date_end IS NOT new.date_end OR old.killed_best IS NOT new.killed_best
        OR old.wounded_best IS NOT new.wounded_best BEGIN
    INSERT INTO actor_sync VALUES (new.id);
END;
