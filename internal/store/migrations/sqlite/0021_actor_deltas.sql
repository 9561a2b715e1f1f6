-- Nothing on SQLite: see ../postgres/0021_actor_deltas.sql. Its one writer
-- at a time has no other writer to hold up while the sync updates
-- actor_targets and actor_places in place, so they keep no deltas here
-- (actorRollupCounts reads the tables alone, foldRollups does nothing).
-- The number is taken so that both dialects' migrations stay in step.
SELECT 1;
