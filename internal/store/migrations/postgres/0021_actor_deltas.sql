-- actor_targets and actor_places (0019) without a hot row in the writers'
-- transactions.
--
-- 0019's sync UPSERTed an incident's keys of both rollups at commit (the
-- sync is a deferred trigger): several statements a pair and a place, one
-- UPDATE and perhaps a DELETE each to take the old rows out, and the rows
-- of the most frequent actors written by every writer. Concurrent writers
-- (4 processes x 2) got 25-48 % slower than before 0019. Sampling
-- pg_stat_activity during that test showed the writers waiting mostly on
-- the advisory merge locks and on token_df rows (transactionid) held by
-- other writers until they commit, and those spending their commit in the
-- sync: the longer sync at commit kept every lock a writer holds longer.
--
-- The sync now appends the incident's old keys (negative counts) and new
-- keys (positive) to actor_targets_delta and actor_places_delta: plain
-- INSERTs, no unique key, no row read or locked. Readers sum the base
-- table and its delta (actorRollupCounts). actor_rollups_fold() moves the
-- deltas into the base tables in a short transaction of its own (the
-- store calls it after a write, at most once a second; see foldRollups),
-- taking a transaction advisory lock so that one folder runs at a time;
-- a row of a writer that has not committed is not in the fold's snapshot,
-- so it stays for the next fold. Folding a key's sum to 0 incidents
-- deletes its row, as the sync did.
CREATE TABLE actor_targets_delta (
    actor     TEXT NOT NULL,
    target    TEXT NOT NULL,
    country   TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents BIGINT NOT NULL,
    killed    BIGINT NOT NULL,
    wounded   BIGINT NOT NULL
);
CREATE INDEX actor_targets_delta_actor ON actor_targets_delta (actor);
CREATE TABLE actor_places_delta (
    actor     TEXT NOT NULL,
    country   TEXT NOT NULL,
    admin1    TEXT NOT NULL,
    type      TEXT NOT NULL,
    incidents BIGINT NOT NULL,
    killed    BIGINT NOT NULL,
    wounded   BIGINT NOT NULL
);
CREATE INDEX actor_places_delta_actor ON actor_places_delta (actor);

-- 0019's function, appending to the deltas. CREATE OR REPLACE resets the
-- function's settings, so 0008's and 0013's are set again below.
CREATE OR REPLACE FUNCTION actor_summary_sync(x BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    done TEXT := current_setting('sitrep.actor_summary_synced', true);
    c RECORD;
    n BIGINT;
BEGIN
    -- Once per incident and transaction (see 0006).
    IF position(',' || x || ',' IN COALESCE(done, '')) > 0 THEN
        RETURN;
    END IF;
    PERFORM set_config('sitrep.actor_summary_synced', COALESCE(NULLIF(done, ''), ',') || x || ',', true);
    -- Take out what the incident counted: one row of actor_incidents per
    -- actor, so one summary row each.
    FOR c IN SELECT actor, country, type, killed, resolved FROM actor_incidents WHERE incident_id = x LOOP
        UPDATE actor_summary s SET incidents = s.incidents - 1, killed = s.killed - c.killed,
            resolved = s.resolved - c.resolved,
            first = (SELECT min(o.date_start) FROM actor_incidents o WHERE o.actor = s.actor
                AND o.country = s.country AND o.type = s.type AND o.incident_id <> x),
            last = (SELECT max(o.date_start) FROM actor_incidents o WHERE o.actor = s.actor
                AND o.country = s.country AND o.type = s.type AND o.incident_id <> x)
        WHERE s.actor = c.actor AND s.country = c.country AND s.type = c.type
        RETURNING s.incidents INTO n;
        IF n = 0 THEN
            DELETE FROM actor_summary WHERE actor = c.actor AND country = c.country AND type = c.type;
        END IF;
    END LOOP;
    -- What it counted in actor_targets (each perpetrator x target pair of
    -- its rows once) and actor_places, taken out by rows of the deltas.
    INSERT INTO actor_targets_delta (actor, target, country, type, incidents, killed, wounded)
    SELECT a.actor, b.actor, a.country, a.type, -1, -a.killed, -a.wounded
    FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
    WHERE a.incident_id = x AND a.roles IN (1, 3) AND b.roles IN (2, 3);
    INSERT INTO actor_places_delta (actor, country, admin1, type, incidents, killed, wounded)
    SELECT actor, country, admin1, type, -1, -killed, -wounded FROM actor_incidents WHERE incident_id = x;
    DELETE FROM actor_incidents WHERE incident_id = x;
    -- Put in what it counts now (nothing once the incident is deleted).
    INSERT INTO actor_incidents (incident_id, actor, country, type, date_start, killed, resolved, date_end, wounded,
        admin1, roles, certainty)
    SELECT i.id, a.actor, i.country, i.type, i.date_start, COALESCE(i.killed_best, 0),
        max(CAST(a.resolved AS INTEGER)), i.date_end, COALESCE(i.wounded_best, 0), i.admin1,
        max(CASE WHEN a.role = 'perpetrator' THEN 1 ELSE 0 END)
            + max(CASE WHEN a.role IN ('target', 'victim') THEN 2 ELSE 0 END), i.certainty
    FROM incident_actors a JOIN incidents i ON i.id = a.incident_id
    WHERE a.incident_id = x GROUP BY i.id, a.actor;
    INSERT INTO actor_summary AS s (actor, country, type, incidents, killed, resolved, first, last)
    SELECT actor, country, type, 1, killed, resolved, date_start, date_start FROM actor_incidents
    WHERE incident_id = x
    ON CONFLICT (actor, country, type) DO UPDATE SET incidents = s.incidents + 1,
        killed = s.killed + excluded.killed, resolved = s.resolved + excluded.resolved,
        first = CASE WHEN excluded.first IS NULL OR (s.first IS NOT NULL AND s.first <= excluded.first)
            THEN s.first ELSE excluded.first END,
        last = CASE WHEN excluded.last IS NULL OR (s.last IS NOT NULL AND s.last >= excluded.last)
            THEN s.last ELSE excluded.last END;
    INSERT INTO actor_targets_delta (actor, target, country, type, incidents, killed, wounded)
    SELECT a.actor, b.actor, a.country, a.type, 1, a.killed, a.wounded
    FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
    WHERE a.incident_id = x AND a.roles IN (1, 3) AND b.roles IN (2, 3);
    INSERT INTO actor_places_delta (actor, country, admin1, type, incidents, killed, wounded)
    SELECT actor, country, admin1, type, 1, killed, wounded FROM actor_incidents WHERE incident_id = x;
END
$$;
ALTER FUNCTION actor_summary_sync(BIGINT) SET plan_cache_mode = auto;
ALTER FUNCTION actor_summary_sync(BIGINT) SET enable_seqscan = off;

-- actor_rollups_fold moves both deltas into their base tables: the rows
-- this transaction sees, summed by key, added in key order (two folds
-- could not deadlock, though the lock lets only one run), a key whose
-- incidents fall to 0 deleted. It returns the keys it wrote, or -1 if
-- another fold holds the lock (that one folds the same rows).
CREATE FUNCTION actor_rollups_fold() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    r RECORD;
    n BIGINT := 0;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7369747265700002) THEN
        RETURN -1;
    END IF;
    FOR r IN WITH d AS (DELETE FROM actor_targets_delta RETURNING *)
        INSERT INTO actor_targets AS p (actor, target, country, type, incidents, killed, wounded)
        SELECT actor, target, country, type, sum(incidents), sum(killed), sum(wounded) FROM d
        GROUP BY actor, target, country, type
        HAVING sum(incidents) <> 0 OR sum(killed) <> 0 OR sum(wounded) <> 0
        ORDER BY actor, target, country, type
        ON CONFLICT (actor, target, country, type) DO UPDATE SET incidents = p.incidents + excluded.incidents,
            killed = p.killed + excluded.killed, wounded = p.wounded + excluded.wounded
        RETURNING p.actor, p.target, p.country, p.type, p.incidents LOOP
        n := n + 1;
        IF r.incidents = 0 THEN
            DELETE FROM actor_targets p WHERE p.actor = r.actor AND p.target = r.target
                AND p.country = r.country AND p.type = r.type;
        END IF;
    END LOOP;
    FOR r IN WITH d AS (DELETE FROM actor_places_delta RETURNING *)
        INSERT INTO actor_places AS p (actor, country, admin1, type, incidents, killed, wounded)
        SELECT actor, country, admin1, type, sum(incidents), sum(killed), sum(wounded) FROM d
        GROUP BY actor, country, admin1, type
        HAVING sum(incidents) <> 0 OR sum(killed) <> 0 OR sum(wounded) <> 0
        ORDER BY actor, country, admin1, type
        ON CONFLICT (actor, country, admin1, type) DO UPDATE SET incidents = p.incidents + excluded.incidents,
            killed = p.killed + excluded.killed, wounded = p.wounded + excluded.wounded
        RETURNING p.actor, p.country, p.admin1, p.type, p.incidents LOOP
        n := n + 1;
        IF r.incidents = 0 THEN
            DELETE FROM actor_places p WHERE p.actor = r.actor AND p.country = r.country
                AND p.admin1 = r.admin1 AND p.type = r.type;
        END IF;
    END LOOP;
    RETURN n;
END
$$;
