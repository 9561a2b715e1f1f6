-- The rollup triggers of 0003 and 0004 as constraint triggers deferred to
-- commit. Keep in step with ../sqlite/0005_rollup_deferred.sql.
--
-- Merging inserts a blank incident and then fills it in, so every new
-- incident passed through the one rollup row of blank keys; fired at once,
-- the trigger held that row's lock until the writer committed, and
-- concurrent writers (each a batch of articles) queued on it one after the
-- other. Deferred, the triggers run while the transaction commits, so a
-- row is locked only for the commit itself. They still run inside the
-- writer's transaction, so a rollup still cannot disagree with incidents;
-- a WHEN condition is still evaluated when the row changes.
DROP TRIGGER incidents_rollup_insert_delete ON incidents;
DROP TRIGGER incidents_rollup_update ON incidents;
DROP TRIGGER incidents_months_insert_delete ON incidents;
DROP TRIGGER incidents_months_update ON incidents;

CREATE CONSTRAINT TRIGGER incidents_rollup_insert_delete AFTER INSERT OR DELETE ON incidents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION incidents_rollup();
CREATE CONSTRAINT TRIGGER incidents_rollup_update AFTER UPDATE OF date_start, date_end, type, subtype,
    country, admin1, killed_best, wounded_best ON incidents
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.date_end IS DISTINCT FROM NEW.date_end
        OR OLD.type <> NEW.type OR OLD.subtype <> NEW.subtype OR OLD.country <> NEW.country
        OR OLD.admin1 <> NEW.admin1 OR OLD.killed_best IS DISTINCT FROM NEW.killed_best
        OR OLD.wounded_best IS DISTINCT FROM NEW.wounded_best)
    EXECUTE FUNCTION incidents_rollup();

CREATE CONSTRAINT TRIGGER incidents_months_insert_delete AFTER INSERT OR DELETE ON incidents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION incidents_months();
CREATE CONSTRAINT TRIGGER incidents_months_update AFTER UPDATE OF date_start, type, country, killed_best, wounded_best
    ON incidents DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.type <> NEW.type
        OR OLD.country <> NEW.country OR OLD.killed_best IS DISTINCT FROM NEW.killed_best
        OR OLD.wounded_best IS DISTINCT FROM NEW.wounded_best)
    EXECUTE FUNCTION incidents_months();
