-- Read paths that walk an index in a list's order (see incidentsql.go).
-- Keep in step with ../sqlite/0009_read_walks.sql.
--
-- An actor filter listed by date (the API's default order) walks the
-- actor's incidents newest first on this index and reads each incident by
-- its id, stopping after a page. Before, the actor's incidents were all
-- collected and sorted: on the 1M load store, tens to hundreds of
-- milliseconds per page for a frequent actor. actor_incidents (0006)
-- already holds one row per incident and actor with the incident's
-- date_start, kept by the actor summary's triggers (at commit); this index
-- is the only write it adds (one entry per incident and actor).
CREATE INDEX actor_incidents_date ON actor_incidents (actor, date_start, incident_id);

-- Counts over a window of days by week (or day, month, year) and type,
-- and by country for a type: see ../sqlite/0009_read_walks.sql for why
-- and for what each table holds (dayTypeCounts in rollup.go reads them).
CREATE TABLE incident_day_types (
    date_start TEXT NOT NULL,
    type       TEXT NOT NULL,
    incidents  BIGINT NOT NULL,
    killed     BIGINT NOT NULL,
    wounded    BIGINT NOT NULL,
    PRIMARY KEY (date_start, type)
);

CREATE TABLE incident_spans (
    odd        INTEGER NOT NULL,
    date_start TEXT NOT NULL,
    date_end   TEXT NOT NULL, -- '' when missing
    type       TEXT NOT NULL,
    incidents  BIGINT NOT NULL,
    killed     BIGINT NOT NULL,
    wounded    BIGINT NOT NULL,
    PRIMARY KEY (odd, date_start, date_end, type)
);

CREATE TABLE incident_type_countries (
    type      TEXT NOT NULL,
    country   TEXT NOT NULL,
    incidents BIGINT NOT NULL,
    killed    BIGINT NOT NULL,
    wounded   BIGINT NOT NULL,
    PRIMARY KEY (type, country)
);

INSERT INTO incident_day_types
SELECT date_start, type, count(*), COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents WHERE date_start IS NOT NULL GROUP BY 1, 2;

INSERT INTO incident_spans
SELECT CASE WHEN date_end > date_start THEN 0 ELSE 1 END, date_start, COALESCE(date_end, ''), type, count(*),
    COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents WHERE date_start IS NOT NULL AND date_end IS DISTINCT FROM date_start GROUP BY 1, 2, 3, 4;

INSERT INTO incident_type_countries
SELECT type, country, count(*), COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents GROUP BY 1, 2;

CREATE FUNCTION incidents_day_types() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.date_start IS NOT NULL THEN
            UPDATE incident_day_types SET incidents = incidents - 1,
                killed = killed - COALESCE(OLD.killed_best, 0), wounded = wounded - COALESCE(OLD.wounded_best, 0)
            WHERE date_start = OLD.date_start AND type = OLD.type;
            DELETE FROM incident_day_types WHERE date_start = OLD.date_start AND type = OLD.type AND incidents = 0;
        END IF;
        IF OLD.date_start IS NOT NULL AND OLD.date_end IS DISTINCT FROM OLD.date_start THEN
            UPDATE incident_spans SET incidents = incidents - 1,
                killed = killed - COALESCE(OLD.killed_best, 0), wounded = wounded - COALESCE(OLD.wounded_best, 0)
            WHERE odd = CASE WHEN OLD.date_end > OLD.date_start THEN 0 ELSE 1 END AND date_start = OLD.date_start
                AND date_end = COALESCE(OLD.date_end, '') AND type = OLD.type;
            DELETE FROM incident_spans WHERE odd = CASE WHEN OLD.date_end > OLD.date_start THEN 0 ELSE 1 END
                AND date_start = OLD.date_start AND date_end = COALESCE(OLD.date_end, '') AND type = OLD.type
                AND incidents = 0;
        END IF;
        UPDATE incident_type_countries SET incidents = incidents - 1,
            killed = killed - COALESCE(OLD.killed_best, 0), wounded = wounded - COALESCE(OLD.wounded_best, 0)
        WHERE type = OLD.type AND country = OLD.country;
        DELETE FROM incident_type_countries WHERE type = OLD.type AND country = OLD.country AND incidents = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        IF NEW.date_start IS NOT NULL THEN
            INSERT INTO incident_day_types AS d VALUES (NEW.date_start, NEW.type, 1,
                COALESCE(NEW.killed_best, 0), COALESCE(NEW.wounded_best, 0))
            ON CONFLICT (date_start, type) DO UPDATE SET incidents = d.incidents + 1,
                killed = d.killed + excluded.killed, wounded = d.wounded + excluded.wounded;
        END IF;
        IF NEW.date_start IS NOT NULL AND NEW.date_end IS DISTINCT FROM NEW.date_start THEN
            INSERT INTO incident_spans AS s VALUES (CASE WHEN NEW.date_end > NEW.date_start THEN 0 ELSE 1 END,
                NEW.date_start, COALESCE(NEW.date_end, ''), NEW.type, 1,
                COALESCE(NEW.killed_best, 0), COALESCE(NEW.wounded_best, 0))
            ON CONFLICT (odd, date_start, date_end, type) DO UPDATE SET incidents = s.incidents + 1,
                killed = s.killed + excluded.killed, wounded = s.wounded + excluded.wounded;
        END IF;
        INSERT INTO incident_type_countries AS c VALUES (NEW.type, NEW.country, 1,
            COALESCE(NEW.killed_best, 0), COALESCE(NEW.wounded_best, 0))
        ON CONFLICT (type, country) DO UPDATE SET incidents = c.incidents + 1,
            killed = c.killed + excluded.killed, wounded = c.wounded + excluded.wounded;
    END IF;
    RETURN NULL;
END
$$;
-- As 0008 does for the other rollups' functions.
ALTER FUNCTION incidents_day_types() SET plan_cache_mode = auto;

-- Deferred to commit like the other rollups (0005), so a row is locked
-- only while the writer commits.
CREATE CONSTRAINT TRIGGER incidents_day_types_insert_delete AFTER INSERT OR DELETE ON incidents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION incidents_day_types();
CREATE CONSTRAINT TRIGGER incidents_day_types_update AFTER UPDATE OF date_start, date_end, type, country,
    killed_best, wounded_best ON incidents DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.date_end IS DISTINCT FROM NEW.date_end
        OR OLD.type <> NEW.type OR OLD.country <> NEW.country OR OLD.killed_best IS DISTINCT FROM NEW.killed_best
        OR OLD.wounded_best IS DISTINCT FROM NEW.wounded_best)
    EXECUTE FUNCTION incidents_day_types();

-- Statistics for the new tables and index now, not at autovacuum's next
-- visit: the planner reads them from the first query on.
ANALYZE incident_day_types;
ANALYZE incident_spans;
ANALYZE incident_type_countries;
ANALYZE actor_incidents;
