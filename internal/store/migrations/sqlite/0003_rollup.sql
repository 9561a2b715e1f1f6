-- Fast lists and counts over millions of incidents (see rollup.go). Keep in
-- step with ../postgres/0003_rollup.sql.

-- A type filter with the default (date) sort walks this index in order
-- instead of sorting every incident of the type. The rowid (id) ends it.
CREATE INDEX incidents_type_date ON incidents (type, date_start);

-- Rollups: incidents, killed and wounded (sums of the best estimates) per
-- combination of the columns CountIncidents filters and groups by most.
-- One keyed by dates and type answers timelines; one keyed by place and
-- type answers maps and tables of places. Every incident is in exactly one
-- row of each; a NULL date is '' here, since a key cannot be NULL. The
-- triggers below run in the writer's transaction, so a rollup can never
-- disagree with the incidents table.
CREATE TABLE incident_days (
    date_start TEXT NOT NULL,
    date_end   TEXT NOT NULL,
    type       TEXT NOT NULL,
    subtype    TEXT NOT NULL,
    incidents  INTEGER NOT NULL,
    killed     INTEGER NOT NULL,
    wounded    INTEGER NOT NULL,
    PRIMARY KEY (date_start, date_end, type, subtype)
);
CREATE INDEX incident_days_type ON incident_days (type, subtype, date_start);

CREATE TABLE incident_places (
    country   TEXT NOT NULL,
    admin1    TEXT NOT NULL,
    type      TEXT NOT NULL,
    subtype   TEXT NOT NULL,
    incidents INTEGER NOT NULL,
    killed    INTEGER NOT NULL,
    wounded   INTEGER NOT NULL,
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

CREATE TRIGGER incidents_rollup_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incident_days VALUES (COALESCE(new.date_start, ''), COALESCE(new.date_end, ''),
        new.type, new.subtype, 1, COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (date_start, date_end, type, subtype) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
    INSERT INTO incident_places VALUES (new.country, new.admin1, new.type, new.subtype,
        1, COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (country, admin1, type, subtype) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;

CREATE TRIGGER incidents_rollup_delete AFTER DELETE ON incidents BEGIN
    UPDATE incident_days SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE date_start = COALESCE(old.date_start, '') AND date_end = COALESCE(old.date_end, '')
        AND type = old.type AND subtype = old.subtype;
    DELETE FROM incident_days WHERE date_start = COALESCE(old.date_start, '')
        AND date_end = COALESCE(old.date_end, '') AND type = old.type AND subtype = old.subtype
        AND incidents = 0;
    UPDATE incident_places SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE country = old.country AND admin1 = old.admin1 AND type = old.type AND subtype = old.subtype;
    DELETE FROM incident_places WHERE country = old.country AND admin1 = old.admin1
        AND type = old.type AND subtype = old.subtype AND incidents = 0;
END;

-- An update moves the incident out of its old rows and into its new ones.
CREATE TRIGGER incidents_rollup_update AFTER UPDATE OF date_start, date_end, type, subtype,
    country, admin1, killed_best, wounded_best ON incidents BEGIN
    UPDATE incident_days SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE date_start = COALESCE(old.date_start, '') AND date_end = COALESCE(old.date_end, '')
        AND type = old.type AND subtype = old.subtype;
    DELETE FROM incident_days WHERE date_start = COALESCE(old.date_start, '')
        AND date_end = COALESCE(old.date_end, '') AND type = old.type AND subtype = old.subtype
        AND incidents = 0;
    UPDATE incident_places SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE country = old.country AND admin1 = old.admin1 AND type = old.type AND subtype = old.subtype;
    DELETE FROM incident_places WHERE country = old.country AND admin1 = old.admin1
        AND type = old.type AND subtype = old.subtype AND incidents = 0;
    INSERT INTO incident_days VALUES (COALESCE(new.date_start, ''), COALESCE(new.date_end, ''),
        new.type, new.subtype, 1, COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (date_start, date_end, type, subtype) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
    INSERT INTO incident_places VALUES (new.country, new.admin1, new.type, new.subtype,
        1, COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (country, admin1, type, subtype) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;
