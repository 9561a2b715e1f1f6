-- More of the same as 0003 (see rollup.go). Keep in step with
-- ../sqlite/0004_rollup_months.sql.

-- The "killed" sort within a type walks this index, which also bounds a
-- min_killed filter.
CREATE INDEX incidents_type_killed ON incidents (type, killed_best, id);
-- A bounding box: a range of longitudes, then latitudes within it.
CREATE INDEX incidents_point ON incidents (lon, lat);

-- Months of a country: what a country's timeline needs, which neither
-- rollup of 0003 can give. month is YYYY-MM ('' for no date). Kept by the
-- trigger below in the writer's transaction, like that of 0003.
CREATE TABLE incident_months (
    country   TEXT NOT NULL,
    month     TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents BIGINT NOT NULL,
    killed    BIGINT NOT NULL,
    wounded   BIGINT NOT NULL,
    PRIMARY KEY (country, month, type)
);

INSERT INTO incident_months
SELECT country, COALESCE(substr(date_start, 1, 7), ''), type, count(*),
       COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents GROUP BY 1, 2, 3;

CREATE FUNCTION incidents_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE incident_months SET incidents = incidents - 1,
            killed = killed - COALESCE(OLD.killed_best, 0), wounded = wounded - COALESCE(OLD.wounded_best, 0)
        WHERE country = OLD.country AND month = COALESCE(substr(OLD.date_start, 1, 7), '') AND type = OLD.type;
        DELETE FROM incident_months WHERE country = OLD.country
            AND month = COALESCE(substr(OLD.date_start, 1, 7), '') AND type = OLD.type AND incidents = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO incident_months VALUES (NEW.country, COALESCE(substr(NEW.date_start, 1, 7), ''), NEW.type,
            1, COALESCE(NEW.killed_best, 0), COALESCE(NEW.wounded_best, 0))
        ON CONFLICT (country, month, type) DO UPDATE SET incidents = incident_months.incidents + 1,
            killed = incident_months.killed + excluded.killed, wounded = incident_months.wounded + excluded.wounded;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER incidents_months_insert_delete AFTER INSERT OR DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION incidents_months();
CREATE TRIGGER incidents_months_update AFTER UPDATE OF date_start, type, country, killed_best, wounded_best
    ON incidents FOR EACH ROW WHEN (OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.type <> NEW.type
        OR OLD.country <> NEW.country OR OLD.killed_best IS DISTINCT FROM NEW.killed_best
        OR OLD.wounded_best IS DISTINCT FROM NEW.wounded_best)
    EXECUTE FUNCTION incidents_months();
