-- Timeline counts under a minimum of deaths (the events page's chart; see
-- rollup.go). Keep in step with ../postgres/0018_killed_counts.sql.
--
-- Such a count read every incident of at least that many deaths from the
-- table: on the 1M load store 447,000 incidents for min_killed=1 (7 s under
-- load). Widening the killed index to cover the count was tried: the count
-- stayed slow (2.9 s, the index's 447,000 entries) and the map's walk of
-- that index in killed order slowed with every wider entry.
--
-- incident_killed: incidents, killed and wounded per exact number of
-- deaths (1 and more), first and last day, type and certainty, kept like
-- incident_days (0003). An exact number, not a band, so killed_best >= N
-- is exact for every N: the rows of N deaths and more. 200,000 rows on the
-- load store against 447,000 incidents with deaths, and a threshold reads
-- only its own, in key order. Columns are named as incidents' so
-- incidentWhere applies unchanged (alias i).
CREATE TABLE incident_killed (
    killed_best INTEGER NOT NULL,
    date_start  TEXT NOT NULL, -- '' when missing
    date_end    TEXT NOT NULL, -- '' when missing
    type        TEXT NOT NULL,
    certainty   TEXT NOT NULL,
    incidents   INTEGER NOT NULL,
    killed      INTEGER NOT NULL,
    wounded     INTEGER NOT NULL,
    PRIMARY KEY (killed_best, date_start, date_end, type, certainty)
) WITHOUT ROWID;

INSERT INTO incident_killed
SELECT killed_best, COALESCE(date_start, ''), COALESCE(date_end, ''), type, certainty, count(*),
    sum(killed_best), COALESCE(sum(wounded_best), 0)
FROM incidents WHERE killed_best > 0 GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER incidents_killed_insert AFTER INSERT ON incidents WHEN new.killed_best > 0 BEGIN
    INSERT INTO incident_killed VALUES (new.killed_best, COALESCE(new.date_start, ''),
        COALESCE(new.date_end, ''), new.type, new.certainty, 1, new.killed_best, COALESCE(new.wounded_best, 0))
    ON CONFLICT (killed_best, date_start, date_end, type, certainty) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;
CREATE TRIGGER incidents_killed_delete AFTER DELETE ON incidents WHEN old.killed_best > 0 BEGIN
    UPDATE incident_killed SET incidents = incidents - 1,
        killed = killed - old.killed_best, wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE killed_best = old.killed_best AND date_start = COALESCE(old.date_start, '')
        AND date_end = COALESCE(old.date_end, '') AND type = old.type AND certainty = old.certainty;
    DELETE FROM incident_killed WHERE killed_best = old.killed_best AND date_start = COALESCE(old.date_start, '')
        AND date_end = COALESCE(old.date_end, '') AND type = old.type AND certainty = old.certainty
        AND incidents = 0;
END;
CREATE TRIGGER incidents_killed_update AFTER UPDATE OF killed_best, date_start, date_end, type, certainty,
    wounded_best ON incidents
    WHEN (old.killed_best > 0 OR new.killed_best > 0) AND (old.killed_best IS NOT new.killed_best
        OR old.date_start IS NOT new.date_start OR old.date_end IS NOT new.date_end OR old.type <> new.type
        OR old.certainty <> new.certainty OR old.wounded_best IS NOT new.wounded_best) BEGIN
    UPDATE incident_killed SET incidents = incidents - 1,
        killed = killed - old.killed_best, wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE old.killed_best > 0 AND killed_best = old.killed_best AND date_start = COALESCE(old.date_start, '')
        AND date_end = COALESCE(old.date_end, '') AND type = old.type AND certainty = old.certainty;
    DELETE FROM incident_killed WHERE old.killed_best > 0 AND killed_best = old.killed_best
        AND date_start = COALESCE(old.date_start, '') AND date_end = COALESCE(old.date_end, '')
        AND type = old.type AND certainty = old.certainty AND incidents = 0;
    INSERT INTO incident_killed SELECT new.killed_best, COALESCE(new.date_start, ''),
        COALESCE(new.date_end, ''), new.type, new.certainty, 1, new.killed_best, COALESCE(new.wounded_best, 0)
    WHERE new.killed_best > 0
    ON CONFLICT (killed_best, date_start, date_end, type, certainty) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;
