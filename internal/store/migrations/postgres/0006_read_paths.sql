-- Actor summaries (see rollup.go). Keep in step with
-- ../sqlite/0006_read_paths.sql, which says why they exist.
--
-- actor_incidents is what each incident currently counts in actor_summary;
-- actor_summary_sync(id) brings one incident's rows up to date from the
-- current incident_actors and incidents rows. The triggers are deferred to
-- commit like the rollups' (0005), so a hot summary row (a big actor in a
-- big country) is locked only while the writer commits; since the function
-- reads the rows as they are at commit, not the trigger's OLD and NEW, a
-- deferred run is exact, and running it several times for one incident is
-- harmless.
CREATE TABLE actor_incidents (
    incident_id BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    country     TEXT NOT NULL,
    type        TEXT NOT NULL,
    date_start  TEXT,
    killed      BIGINT NOT NULL,
    resolved    INTEGER NOT NULL,
    PRIMARY KEY (incident_id, actor)
);
CREATE INDEX actor_incidents_key ON actor_incidents (actor, country, type, date_start);

CREATE TABLE actor_summary (
    actor     TEXT NOT NULL,
    country   TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents BIGINT NOT NULL,
    killed    BIGINT NOT NULL,
    resolved  BIGINT NOT NULL, -- incidents naming the actor as a catalog actor
    first     TEXT,
    last      TEXT,
    PRIMARY KEY (actor, country, type)
);
CREATE INDEX actor_summary_country ON actor_summary (country, type);
CREATE INDEX actor_summary_type ON actor_summary (type);

INSERT INTO actor_incidents
SELECT i.id, a.actor, i.country, i.type, i.date_start, COALESCE(i.killed_best, 0),
    max(CAST(a.resolved AS INTEGER))
FROM incident_actors a JOIN incidents i ON i.id = a.incident_id
GROUP BY i.id, a.actor;

INSERT INTO actor_summary
SELECT actor, country, type, count(*), sum(killed), sum(resolved), min(date_start), max(date_start)
FROM actor_incidents GROUP BY actor, country, type;

CREATE FUNCTION actor_summary_sync(x BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    done TEXT := current_setting('sitrep.actor_summary_synced', true);
BEGIN
    -- Once per incident and transaction: the triggers run at commit, after
    -- every change, so the first run leaves the incident up to date and the
    -- rest (a re-coded incident fires once per actor row deleted and again
    -- per row inserted) would redo the same work while the committing
    -- writer holds its row locks; with four workers on PostgreSQL that
    -- serialised them about sevenfold. The list is local to the
    -- transaction (set_config's third argument).
    IF position(',' || x || ',' IN COALESCE(done, '')) > 0 THEN
        RETURN;
    END IF;
    PERFORM set_config('sitrep.actor_summary_synced', COALESCE(NULLIF(done, ''), ',') || x || ',', true);
    -- Take out what the incident counted.
    UPDATE actor_summary s SET incidents = s.incidents - 1, killed = s.killed - c.killed,
        resolved = s.resolved - c.resolved,
        first = (SELECT min(o.date_start) FROM actor_incidents o WHERE o.actor = s.actor
            AND o.country = s.country AND o.type = s.type AND o.incident_id <> x),
        last = (SELECT max(o.date_start) FROM actor_incidents o WHERE o.actor = s.actor
            AND o.country = s.country AND o.type = s.type AND o.incident_id <> x)
    FROM actor_incidents c
    WHERE c.incident_id = x AND s.actor = c.actor AND s.country = c.country AND s.type = c.type;
    DELETE FROM actor_summary s USING actor_incidents c
    WHERE c.incident_id = x AND s.actor = c.actor AND s.country = c.country AND s.type = c.type
        AND s.incidents = 0;
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

CREATE FUNCTION incident_actors_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM actor_summary_sync(OLD.incident_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.incident_id <> OLD.incident_id) THEN
        PERFORM actor_summary_sync(NEW.incident_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION incidents_actor_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM actor_summary_sync(OLD.id);
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER incident_actors_summary AFTER INSERT OR UPDATE OR DELETE ON incident_actors
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION incident_actors_summary();
CREATE CONSTRAINT TRIGGER incidents_actor_summary_update AFTER UPDATE OF country, type, date_start, killed_best
    ON incidents DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.country <> NEW.country OR OLD.type <> NEW.type
        OR OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.killed_best IS DISTINCT FROM NEW.killed_best)
    EXECUTE FUNCTION incidents_actor_summary();
CREATE CONSTRAINT TRIGGER incidents_actor_summary_delete AFTER DELETE ON incidents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION incidents_actor_summary();

-- Bounding boxes (IncidentFilter.BBox) through a GiST index of the
-- incidents' points (no PostGIS: the built-in point and box types). The
-- (lon, lat) B-tree of 0004 bounds only the longitude, so a box over a
-- populated band read every incident of that band of longitude. The index
-- is on an expression of the row, so PostgreSQL keeps it in step itself.
CREATE INDEX incidents_point_gist ON incidents USING gist (point(lon, lat))
    WHERE lon IS NOT NULL AND lat IS NOT NULL;
