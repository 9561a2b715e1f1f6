-- More of the same as 0003 (see rollup.go). Keep in step with
-- ../postgres/0004_rollup_months.sql.

-- The "killed" sort within a type walks this index, which also bounds a
-- min_killed filter; the rowid (id) ends it.
CREATE INDEX incidents_type_killed ON incidents (type, killed_best);
-- A bounding box: a range of longitudes, then latitudes within it.
CREATE INDEX incidents_point ON incidents (lon, lat);

-- Months of a country: what a country's timeline needs, which neither
-- rollup of 0003 can give. month is YYYY-MM ('' for no date). Kept by the
-- triggers below in the writer's transaction, like those of 0003.
CREATE TABLE incident_months (
    country   TEXT NOT NULL,
    month     TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents INTEGER NOT NULL,
    killed    INTEGER NOT NULL,
    wounded   INTEGER NOT NULL,
    PRIMARY KEY (country, month, type)
);

INSERT INTO incident_months
SELECT country, COALESCE(substr(date_start, 1, 7), ''), type, count(*),
       COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents GROUP BY 1, 2, 3;

CREATE TRIGGER incidents_months_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incident_months VALUES (new.country, COALESCE(substr(new.date_start, 1, 7), ''), new.type,
        1, COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (country, month, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;

CREATE TRIGGER incidents_months_delete AFTER DELETE ON incidents BEGIN
    UPDATE incident_months SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE country = old.country AND month = COALESCE(substr(old.date_start, 1, 7), '') AND type = old.type;
    DELETE FROM incident_months WHERE country = old.country
        AND month = COALESCE(substr(old.date_start, 1, 7), '') AND type = old.type AND incidents = 0;
END;

CREATE TRIGGER incidents_months_update AFTER UPDATE OF date_start, type, country, killed_best, wounded_best
    ON incidents BEGIN
    UPDATE incident_months SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE country = old.country AND month = COALESCE(substr(old.date_start, 1, 7), '') AND type = old.type;
    DELETE FROM incident_months WHERE country = old.country
        AND month = COALESCE(substr(old.date_start, 1, 7), '') AND type = old.type AND incidents = 0;
    INSERT INTO incident_months VALUES (new.country, COALESCE(substr(new.date_start, 1, 7), ''), new.type,
        1, COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (country, month, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;
