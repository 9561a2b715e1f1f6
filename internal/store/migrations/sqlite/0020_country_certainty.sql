-- Counts under a country and a certainty (the events page's timeline of
-- "claimed in Ukraine"). Keep in step with
-- ../postgres/0020_country_certainty.sql.
--
-- No rollup answers them (incident_certainties has no country: with one it
-- would hold about a row per incident), so they were counted over the
-- incidents, reading every incident of the country from the table by the
-- (country, date_start) index: 1.9 s for Ukraine's claimed incidents on the
-- 1M load store under load. This index holds every column such a count
-- reads, in the order the filter seeks: the count reads the entries of the
-- country and certainty and nothing else. A list of them in date order
-- walks it too.
CREATE INDEX incidents_country_certainty ON incidents
    (country, certainty, date_start, date_end, type, killed_best, wounded_best);
