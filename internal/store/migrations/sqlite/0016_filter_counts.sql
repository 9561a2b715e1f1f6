-- Timeline counts under a certainty filter (the events
-- page's chart; see rollup.go). Keep in step with
-- ../postgres/0016_filter_counts.sql.
--
-- No rollup held certainty, so on the 1M load store a count by month and
-- type filtered by certainty read every incident of the store (2.98 s
-- warm for certainty=claimed).
--
-- incident_certainties: incidents, killed and wounded per certainty, first
-- and last day and type, kept like incident_days (0003): a certainty's
-- timeline reads its own rows, tens of thousands at most, in key order.
-- Its columns are named as incidents' so incidentWhere applies unchanged.
CREATE TABLE incident_certainties (
    certainty  TEXT NOT NULL,
    date_start TEXT NOT NULL, -- '' when missing
    date_end   TEXT NOT NULL, -- '' when missing
    type       TEXT NOT NULL,
    incidents  INTEGER NOT NULL,
    killed     INTEGER NOT NULL,
    wounded    INTEGER NOT NULL,
    PRIMARY KEY (certainty, date_start, date_end, type)
) WITHOUT ROWID;

INSERT INTO incident_certainties
SELECT certainty, COALESCE(date_start, ''), COALESCE(date_end, ''), type, count(*),
    COALESCE(sum(killed_best), 0), COALESCE(sum(wounded_best), 0)
FROM incidents GROUP BY 1, 2, 3, 4;

CREATE TRIGGER incidents_certainties_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incident_certainties VALUES (new.certainty, COALESCE(new.date_start, ''),
        COALESCE(new.date_end, ''), new.type, 1, COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (certainty, date_start, date_end, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;
CREATE TRIGGER incidents_certainties_delete AFTER DELETE ON incidents BEGIN
    UPDATE incident_certainties SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE certainty = old.certainty AND date_start = COALESCE(old.date_start, '')
        AND date_end = COALESCE(old.date_end, '') AND type = old.type;
    DELETE FROM incident_certainties WHERE certainty = old.certainty AND date_start = COALESCE(old.date_start, '')
        AND date_end = COALESCE(old.date_end, '') AND type = old.type AND incidents = 0;
END;
CREATE TRIGGER incidents_certainties_update AFTER UPDATE OF certainty, date_start, date_end, type,
    killed_best, wounded_best ON incidents
    WHEN old.certainty <> new.certainty OR old.date_start IS NOT new.date_start
        OR old.date_end IS NOT new.date_end OR old.type <> new.type
        OR old.killed_best IS NOT new.killed_best OR old.wounded_best IS NOT new.wounded_best BEGIN
    UPDATE incident_certainties SET incidents = incidents - 1,
        killed = killed - COALESCE(old.killed_best, 0), wounded = wounded - COALESCE(old.wounded_best, 0)
    WHERE certainty = old.certainty AND date_start = COALESCE(old.date_start, '')
        AND date_end = COALESCE(old.date_end, '') AND type = old.type;
    DELETE FROM incident_certainties WHERE certainty = old.certainty AND date_start = COALESCE(old.date_start, '')
        AND date_end = COALESCE(old.date_end, '') AND type = old.type AND incidents = 0;
    INSERT INTO incident_certainties VALUES (new.certainty, COALESCE(new.date_start, ''),
        COALESCE(new.date_end, ''), new.type, 1, COALESCE(new.killed_best, 0), COALESCE(new.wounded_best, 0))
    ON CONFLICT (certainty, date_start, date_end, type) DO UPDATE SET incidents = incidents + 1,
        killed = killed + excluded.killed, wounded = wounded + excluded.wounded;
END;

