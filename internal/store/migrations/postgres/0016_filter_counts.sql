-- Timeline counts under a certainty filter: see
-- ../sqlite/0016_filter_counts.sql for why and for what each part holds
-- (rollup.go reads incident_certainties).
CREATE TABLE incident_certainties (
    certainty  TEXT NOT NULL,
    date_start TEXT NOT NULL, -- '' when missing
    date_end   TEXT NOT NULL, -- '' when missing
    type       TEXT NOT NULL,
    incidents  BIGINT NOT NULL,
    killed     BIGINT NOT NULL,
    wounded    BIGINT NOT NULL,
    PRIMARY KEY (certainty, date_start, date_end, type)
);

INSERT INTO incident_certainties
SELECT certainty, COALESCE(date_start, ''), COALESCE(date_end, ''), type, count(*),
    COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents GROUP BY 1, 2, 3, 4;

CREATE FUNCTION incidents_certainties() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE incident_certainties SET incidents = incidents - 1,
            killed = killed - COALESCE(OLD.killed_best, 0), wounded = wounded - COALESCE(OLD.wounded_best, 0)
        WHERE certainty = OLD.certainty AND date_start = COALESCE(OLD.date_start, '')
            AND date_end = COALESCE(OLD.date_end, '') AND type = OLD.type;
        DELETE FROM incident_certainties WHERE certainty = OLD.certainty
            AND date_start = COALESCE(OLD.date_start, '') AND date_end = COALESCE(OLD.date_end, '')
            AND type = OLD.type AND incidents = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO incident_certainties AS c VALUES (NEW.certainty, COALESCE(NEW.date_start, ''),
            COALESCE(NEW.date_end, ''), NEW.type, 1, COALESCE(NEW.killed_best, 0), COALESCE(NEW.wounded_best, 0))
        ON CONFLICT (certainty, date_start, date_end, type) DO UPDATE SET incidents = c.incidents + 1,
            killed = c.killed + excluded.killed, wounded = c.wounded + excluded.wounded;
    END IF;
    RETURN NULL;
END
$$;
-- As 0008 does for the other rollups' functions.
ALTER FUNCTION incidents_certainties() SET plan_cache_mode = auto;

-- Deferred to commit like the other rollups (0005).
CREATE CONSTRAINT TRIGGER incidents_certainties_insert_delete AFTER INSERT OR DELETE ON incidents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION incidents_certainties();
CREATE CONSTRAINT TRIGGER incidents_certainties_update AFTER UPDATE OF certainty, date_start, date_end, type,
    killed_best, wounded_best ON incidents DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.certainty <> NEW.certainty OR OLD.date_start IS DISTINCT FROM NEW.date_start
        OR OLD.date_end IS DISTINCT FROM NEW.date_end OR OLD.type <> NEW.type
        OR OLD.killed_best IS DISTINCT FROM NEW.killed_best OR OLD.wounded_best IS DISTINCT FROM NEW.wounded_best)
    EXECUTE FUNCTION incidents_certainties();

-- Statistics for the new table and index now. Without statistics on
-- incidents (autovacuum is off on the project's servers, and a bulk load
-- leaves none) the planner takes a third of the rows for any range of
-- killed_best and scans the whole table even for a threshold a few per
-- cent of incidents reach.
ANALYZE incident_certainties;
ANALYZE incidents;
