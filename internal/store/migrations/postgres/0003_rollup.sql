-- Fast lists and counts over millions of incidents (see rollup.go). Keep in
-- step with ../sqlite/0003_rollup.sql.

-- A type filter with the default (date) sort walks this index in order
-- instead of sorting every incident of the type.
CREATE INDEX incidents_type_date ON incidents (type, date_start, id);

-- Rollups: incidents, killed and wounded (sums of the best estimates) per
-- combination of the columns CountIncidents filters and groups by most.
-- One keyed by dates and type answers timelines; one keyed by place and
-- type answers maps and tables of places. Every incident is in exactly one
-- row of each; a NULL date is '' here, since a key cannot be NULL. The
-- trigger below runs in the writer's transaction, so a rollup can never
-- disagree with the incidents table.
CREATE TABLE incident_days (
    date_start TEXT NOT NULL,
    date_end   TEXT NOT NULL,
    type       TEXT NOT NULL,
    subtype    TEXT NOT NULL,
    incidents  BIGINT NOT NULL,
    killed     BIGINT NOT NULL,
    wounded    BIGINT NOT NULL,
    PRIMARY KEY (date_start, date_end, type, subtype)
);
CREATE INDEX incident_days_type ON incident_days (type, subtype, date_start);

CREATE TABLE incident_places (
    country   TEXT NOT NULL,
    admin1    TEXT NOT NULL,
    type      TEXT NOT NULL,
    subtype   TEXT NOT NULL,
    incidents BIGINT NOT NULL,
    killed    BIGINT NOT NULL,
    wounded   BIGINT NOT NULL,
    PRIMARY KEY (country, admin1, type, subtype)
);
CREATE INDEX incident_places_type ON incident_places (type, subtype);

INSERT INTO incident_days
SELECT COALESCE(date_start, ''), COALESCE(date_end, ''), type, subtype, count(*),
       COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents GROUP BY 1, 2, 3, 4;

INSERT INTO incident_places
SELECT country, admin1, type, subtype, count(*),
       COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents GROUP BY 1, 2, 3, 4;

CREATE FUNCTION incidents_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE incident_days SET incidents = incidents - 1,
            killed = killed - COALESCE(OLD.killed_best, 0), wounded = wounded - COALESCE(OLD.wounded_best, 0)
        WHERE date_start = COALESCE(OLD.date_start, '') AND date_end = COALESCE(OLD.date_end, '')
            AND type = OLD.type AND subtype = OLD.subtype;
        DELETE FROM incident_days WHERE date_start = COALESCE(OLD.date_start, '')
            AND date_end = COALESCE(OLD.date_end, '') AND type = OLD.type AND subtype = OLD.subtype
            AND incidents = 0;
        UPDATE incident_places SET incidents = incidents - 1,
            killed = killed - COALESCE(OLD.killed_best, 0), wounded = wounded - COALESCE(OLD.wounded_best, 0)
        WHERE country = OLD.country AND admin1 = OLD.admin1 AND type = OLD.type AND subtype = OLD.subtype;
        DELETE FROM incident_places WHERE country = OLD.country AND admin1 = OLD.admin1
            AND type = OLD.type AND subtype = OLD.subtype AND incidents = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO incident_days VALUES (COALESCE(NEW.date_start, ''), COALESCE(NEW.date_end, ''),
            NEW.type, NEW.subtype, 1, COALESCE(NEW.killed_best, 0), COALESCE(NEW.wounded_best, 0))
        ON CONFLICT (date_start, date_end, type, subtype) DO UPDATE SET
            incidents = incident_days.incidents + 1,
            killed = incident_days.killed + excluded.killed, wounded = incident_days.wounded + excluded.wounded;
        INSERT INTO incident_places VALUES (NEW.country, NEW.admin1, NEW.type, NEW.subtype,
            1, COALESCE(NEW.killed_best, 0), COALESCE(NEW.wounded_best, 0))
        ON CONFLICT (country, admin1, type, subtype) DO UPDATE SET
            incidents = incident_places.incidents + 1,
            killed = incident_places.killed + excluded.killed, wounded = incident_places.wounded + excluded.wounded;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER incidents_rollup_insert_delete AFTER INSERT OR DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION incidents_rollup();
-- Only updates that move an incident between rows or change its tolls.
CREATE TRIGGER incidents_rollup_update AFTER UPDATE OF date_start, date_end, type, subtype,
    country, admin1, killed_best, wounded_best ON incidents
    FOR EACH ROW WHEN (OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.date_end IS DISTINCT FROM NEW.date_end
        OR OLD.type <> NEW.type OR OLD.subtype <> NEW.subtype OR OLD.country <> NEW.country
        OR OLD.admin1 <> NEW.admin1 OR OLD.killed_best IS DISTINCT FROM NEW.killed_best
        OR OLD.wounded_best IS DISTINCT FROM NEW.wounded_best)
    EXECUTE FUNCTION incidents_rollup();
