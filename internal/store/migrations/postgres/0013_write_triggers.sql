-- The write path's trigger work, cheaper (issue #5). Keep in step with
-- ../sqlite/0013_write_triggers.sql. Nothing stored changes.
--
-- actor_summary_sync (0008) looks actor_incidents up by incident_id and by
-- (actor, country, type), and its statements keep one generic plan for the
-- session (plan_cache_mode = auto). 0009 ANALYZEd actor_incidents, which in
-- a new store is empty then: with reltuples 0 the planner costs the table
-- by its few pages at the function's first calls, plans every lookup as a
-- sequential scan, and keeps that plan while the table grows (autovacuum
-- off: nothing re-plans). The gva ingest into a new store ran 15,559 whole
-- scans of actor_incidents and not one index scan: 19 of the server's 23 s
-- of CPU. Its statements are all lookups by an index's key, so no scan of
-- the whole table is ever the plan wanted.
ALTER FUNCTION actor_summary_sync(BIGINT) SET enable_seqscan = off;

-- The change signal's statement triggers (0010) called store_changed, a
-- PL/pgSQL function, after every statement on 17 tables, including each
-- statement the rollup and summary triggers run: 84,000 calls in the gva
-- ingest for the one write per transaction that counts. A WHEN condition
-- is an expression the executor evaluates without calling the function;
-- the function keeps its own test (two statements of one query may both
-- queue it before either runs).
DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['articles', 'article_versions', 'events', 'evidence', 'incidents',
        'incident_reports', 'incident_actors', 'article_bands', 'token_df', 'incident_days',
        'incident_places', 'incident_months', 'actor_incidents', 'actor_summary',
        'incident_day_types', 'incident_spans', 'incident_type_countries']
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_changed', t);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
            FOR EACH STATEMENT
            WHEN (current_setting(''sitrep.changed_in'', true) IS DISTINCT FROM txid_current()::text)
            EXECUTE FUNCTION store_changed()', t || '_changed', t);
    END LOOP;
END $$;
