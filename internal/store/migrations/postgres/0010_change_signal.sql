-- A change signal for caches of read answers (store.ChangeVersion). Keep in
-- step with ../sqlite/0010_change_signal.sql.
--
-- Every transaction that writes a table a read can see adds one to its
-- server process's row of store_changes, so sum(n) grows with every such
-- commit and becomes visible with it, atomically: an answer read after the
-- sum can never be older than the sum. One row per process rather than one
-- shared row, so that concurrent writers never wait on each other's row
-- lock (a shared row, locked until commit, would serialise every writer
-- and could deadlock with the merge's advisory locks). A statement trigger
-- fires once per statement whatever its rows (a bulk load pays once); the
-- transaction-local setting makes only the first one write.
CREATE TABLE store_changes (
    pid INTEGER PRIMARY KEY,
    n   BIGINT NOT NULL
);

CREATE FUNCTION store_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('sitrep.changed_in', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('sitrep.changed_in', txid_current()::text, true);
        INSERT INTO store_changes (pid, n) VALUES (pg_backend_pid(), 1)
            ON CONFLICT (pid) DO UPDATE SET n = store_changes.n + 1;
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['articles', 'article_versions', 'events', 'evidence', 'incidents',
        'incident_reports', 'incident_actors', 'article_bands', 'token_df', 'incident_days',
        'incident_places', 'incident_months', 'actor_incidents', 'actor_summary',
        'incident_day_types', 'incident_spans', 'incident_type_countries']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION store_changed()', t || '_changed', t);
    END LOOP;
END $$;
