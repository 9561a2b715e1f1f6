-- Read paths that walk an index in a list's order (see incidentsql.go).
-- Keep in step with ../postgres/0009_read_walks.sql.
--
-- An actor filter listed by date (the API's default order) walks the
-- actor's incidents newest first on this index and reads each incident by
-- its id, stopping after a page. Before, a frequent actor walked the whole
-- date index testing each incident for the actor, and a rarer one (under
-- 5,000 incidents) collected and sorted all its incidents: on the 1M load
-- store, tens of milliseconds of CPU per page either way. actor_incidents
-- (0006) already holds one row per incident and actor with the incident's
-- date_start, kept by the actor summary's triggers; this index is the only
-- write it adds (one entry per incident and actor).
CREATE INDEX actor_incidents_date ON actor_incidents (actor, date_start, incident_id);

-- Counts over a window of days by week (or day, month, year) and type,
-- the timeline's question, read incident_days (0003): one row per day,
-- end day, type and subtype, so a year of a million incidents was about
-- 20,000 rows read through an index and grouped (50 ms of CPU on the load
-- store's way to 1M, the costliest request of the mix). incident_day_types
-- keeps one row per day and type (a year is at most 365 x 6 rows, stored
-- in key order). It counts every dated incident under its first day, which
-- is the whole answer for a window that starts at a day D wherever an
-- incident's last day equals or follows its first: each incident from D
-- on then ends on or after D. incident_spans keeps the others by first
-- and last day: those lasting several days (odd = 0), whose first days
-- before D reach into the window, and the few whose last day is missing
-- or earlier than the first (odd = 1), which the window must not count
-- (see dayTypeCounts in rollup.go). WITHOUT ROWID: a row is its key and
-- counts, read in key order with no second lookup.
CREATE TABLE incident_day_types (
    date_start TEXT NOT NULL,
    type       TEXT NOT NULL,
    incidents  INTEGER NOT NULL,
    killed     INTEGER NOT NULL,
    wounded    INTEGER NOT NULL,
    PRIMARY KEY (date_start, type)
) WITHOUT ROWID;

CREATE TABLE incident_spans (
    odd        INTEGER NOT NULL,
    date_start TEXT NOT NULL,
    date_end   TEXT NOT NULL, -- '' when missing
    type       TEXT NOT NULL,
    incidents  INTEGER NOT NULL,
    killed     INTEGER NOT NULL,
    wounded    INTEGER NOT NULL,
    PRIMARY KEY (odd, date_start, date_end, type)
) WITHOUT ROWID;

-- Counts by country for a type (or by type for a country): incident_places
-- has a row per admin1 and subtype too, thousands per type.
CREATE TABLE incident_type_countries (
    type      TEXT NOT NULL,
    country   TEXT NOT NULL,
    incidents INTEGER NOT NULL,
    killed    INTEGER NOT NULL,
    wounded   INTEGER NOT NULL,
    PRIMARY KEY (type, country)
) WITHOUT ROWID;

INSERT INTO incident_day_types
SELECT date_start, type, count(*), COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents WHERE date_start IS NOT NULL GROUP BY 1, 2;

INSERT INTO incident_spans
SELECT CASE WHEN date_end > date_start THEN 0 ELSE 1 END, date_start, COALESCE(date_end, ''), type, count(*),
    COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents WHERE date_start IS NOT NULL AND date_end IS NOT date_start GROUP BY 1, 2, 3, 4;

INSERT INTO incident_type_countries
SELECT type, country, count(*), COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents GROUP BY 1, 2;

-- The triggers of 0003's shape: take the old row out, put the new one in;
-- a WHEN skips incidents a table does not hold.
CREATE TRIGGER incidents_day_types_insert AFTER INSERT ON incidents WHEN new.date_start IS NOT NULL BEGIN
    INSERT INTO incident_day_types VALUES (new.date_start, new.type, 1,
        COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (date_start, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;
CREATE TRIGGER incidents_day_types_delete AFTER DELETE ON incidents WHEN old.date_start IS NOT NULL BEGIN
    UPDATE incident_day_types SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE date_start = old.date_start AND type = old.type;
    DELETE FROM incident_day_types WHERE date_start = old.date_start AND type = old.type AND incidents = 0;
END;
CREATE TRIGGER incidents_day_types_update AFTER UPDATE OF date_start, type, killed_best, wounded_best ON incidents
    WHEN old.date_start IS NOT new.date_start OR old.type <> new.type
        OR old.killed_best IS NOT new.killed_best OR old.wounded_best IS NOT new.wounded_best BEGIN
    UPDATE incident_day_types SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE date_start = old.date_start AND type = old.type;
    DELETE FROM incident_day_types WHERE date_start = old.date_start AND type = old.type AND incidents = 0;
    INSERT INTO incident_day_types SELECT new.date_start, new.type, 1,
        COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0) WHERE new.date_start IS NOT NULL
    ON CONFLICT (date_start, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;

CREATE TRIGGER incidents_spans_insert AFTER INSERT ON incidents
    WHEN new.date_start IS NOT NULL AND new.date_end IS NOT new.date_start BEGIN
    INSERT INTO incident_spans VALUES (CASE WHEN new.date_end > new.date_start THEN 0 ELSE 1 END,
        new.date_start, COALESCE(new.date_end, ''), new.type, 1,
        COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (odd, date_start, date_end, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;
CREATE TRIGGER incidents_spans_delete AFTER DELETE ON incidents
    WHEN old.date_start IS NOT NULL AND old.date_end IS NOT old.date_start BEGIN
    UPDATE incident_spans SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE odd = CASE WHEN old.date_end > old.date_start THEN 0 ELSE 1 END AND date_start = old.date_start
        AND date_end = COALESCE(old.date_end, '') AND type = old.type;
    DELETE FROM incident_spans WHERE odd = CASE WHEN old.date_end > old.date_start THEN 0 ELSE 1 END
        AND date_start = old.date_start AND date_end = COALESCE(old.date_end, '') AND type = old.type
        AND incidents = 0;
END;
CREATE TRIGGER incidents_spans_update AFTER UPDATE OF date_start, date_end, type, killed_best, wounded_best ON incidents
    WHEN (old.date_start IS NOT NULL AND old.date_end IS NOT old.date_start
            OR new.date_start IS NOT NULL AND new.date_end IS NOT new.date_start)
        AND (old.date_start IS NOT new.date_start OR old.date_end IS NOT new.date_end OR old.type <> new.type
            OR old.killed_best IS NOT new.killed_best OR old.wounded_best IS NOT new.wounded_best) BEGIN
    UPDATE incident_spans SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE odd = CASE WHEN old.date_end > old.date_start THEN 0 ELSE 1 END AND date_start = old.date_start
        AND date_end = COALESCE(old.date_end, '') AND type = old.type;
    DELETE FROM incident_spans WHERE odd = CASE WHEN old.date_end > old.date_start THEN 0 ELSE 1 END
        AND date_start = old.date_start AND date_end = COALESCE(old.date_end, '') AND type = old.type
        AND incidents = 0;
    INSERT INTO incident_spans SELECT CASE WHEN new.date_end > new.date_start THEN 0 ELSE 1 END,
        new.date_start, COALESCE(new.date_end, ''), new.type, 1,
        COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0)
    WHERE new.date_start IS NOT NULL AND new.date_end IS NOT new.date_start
    ON CONFLICT (odd, date_start, date_end, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;

CREATE TRIGGER incidents_type_countries_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incident_type_countries VALUES (new.type, new.country, 1,
        COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (type, country) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;
CREATE TRIGGER incidents_type_countries_delete AFTER DELETE ON incidents BEGIN
    UPDATE incident_type_countries SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE type = old.type AND country = old.country;
    DELETE FROM incident_type_countries WHERE type = old.type AND country = old.country AND incidents = 0;
END;
CREATE TRIGGER incidents_type_countries_update AFTER UPDATE OF type, country, killed_best, wounded_best ON incidents
    WHEN old.type <> new.type OR old.country <> new.country
        OR old.killed_best IS NOT new.killed_best OR old.wounded_best IS NOT new.wounded_best BEGIN
    UPDATE incident_type_countries SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE type = old.type AND country = old.country;
    DELETE FROM incident_type_countries WHERE type = old.type AND country = old.country AND incidents = 0;
    INSERT INTO incident_type_countries VALUES (new.type, new.country, 1,
        COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (type, country) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;
