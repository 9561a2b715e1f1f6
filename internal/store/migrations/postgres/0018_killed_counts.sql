-- Timeline counts under a minimum of deaths: see
-- ../sqlite/0018_killed_counts.sql for why and for what incident_killed
-- holds (incidents with at least one death only).
CREATE TABLE incident_killed (
    killed_best BIGINT NOT NULL,
    date_start  TEXT NOT NULL, -- '' when missing
    date_end    TEXT NOT NULL, -- '' when missing
    type        TEXT NOT NULL,
    certainty   TEXT NOT NULL,
    incidents   BIGINT NOT NULL,
    killed      BIGINT NOT NULL,
    wounded     BIGINT NOT NULL,
    PRIMARY KEY (killed_best, date_start, date_end, type, certainty)
);

INSERT INTO incident_killed
SELECT killed_best, COALESCE(date_start, ''), COALESCE(date_end, ''), type, certainty, count(*),
    sum(killed_best), COALESCE(sum(wounded_best), 0)
FROM incidents WHERE killed_best > 0 GROUP BY 1, 2, 3, 4, 5;

CREATE FUNCTION incidents_killed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.killed_best > 0 THEN
        UPDATE incident_killed SET incidents = incidents - 1,
            killed = killed - OLD.killed_best, wounded = wounded - COALESCE(OLD.wounded_best, 0)
        WHERE killed_best = OLD.killed_best AND date_start = COALESCE(OLD.date_start, '')
            AND date_end = COALESCE(OLD.date_end, '') AND type = OLD.type AND certainty = OLD.certainty;
        DELETE FROM incident_killed WHERE killed_best = OLD.killed_best
            AND date_start = COALESCE(OLD.date_start, '') AND date_end = COALESCE(OLD.date_end, '')
            AND type = OLD.type AND certainty = OLD.certainty AND incidents = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.killed_best > 0 THEN
        INSERT INTO incident_killed AS k VALUES (NEW.killed_best, COALESCE(NEW.date_start, ''),
            COALESCE(NEW.date_end, ''), NEW.type, NEW.certainty, 1, NEW.killed_best, COALESCE(NEW.wounded_best, 0))
        ON CONFLICT (killed_best, date_start, date_end, type, certainty) DO UPDATE SET incidents = k.incidents + 1,
            killed = k.killed + excluded.killed, wounded = k.wounded + excluded.wounded;
    END IF;
    RETURN NULL;
END
$$;
-- As 0008 does for the other rollups' functions.
ALTER FUNCTION incidents_killed() SET plan_cache_mode = auto;

-- Deferred to commit like the other rollups (0005). The WHEN skips the
-- incidents without deaths, most of them.
CREATE CONSTRAINT TRIGGER incidents_killed_insert AFTER INSERT ON incidents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.killed_best > 0) EXECUTE FUNCTION incidents_killed();
CREATE CONSTRAINT TRIGGER incidents_killed_delete AFTER DELETE ON incidents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.killed_best > 0) EXECUTE FUNCTION incidents_killed();
CREATE CONSTRAINT TRIGGER incidents_killed_update AFTER UPDATE OF killed_best, date_start, date_end, type,
    certainty, wounded_best ON incidents DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN ((OLD.killed_best > 0 OR NEW.killed_best > 0) AND (OLD.killed_best IS DISTINCT FROM NEW.killed_best
        OR OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.date_end IS DISTINCT FROM NEW.date_end
        OR OLD.type <> NEW.type OR OLD.certainty <> NEW.certainty
        OR OLD.wounded_best IS DISTINCT FROM NEW.wounded_best))
    EXECUTE FUNCTION incidents_killed();

ANALYZE incident_killed;
