-- The events page's map shows a filter's deadliest incidents (sort
-- "killed", 300 of them). Filtered by a country, SQLite walked the
-- whole incidents_killed index testing each row's country, or read all
-- the country's incidents and sorted them: on the 1M load store 0.6 s
-- for one API page and up to 1.2 s for the page of a country whose
-- deadly incidents are few. This index gives that page in order.
-- PostgreSQL's plans for it took under 0.1 s; its 0014 is a placeholder.
CREATE INDEX incidents_country_killed ON incidents (country, killed_best, id);
