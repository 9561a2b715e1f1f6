-- Counts under a country and a certainty: see
-- ../sqlite/0020_country_certainty.sql for why.
CREATE INDEX incidents_country_certainty ON incidents (country, certainty, date_start)
    INCLUDE (date_end, type, killed_best, wounded_best);
ANALYZE incidents;
