-- PostgreSQL only: SQLite keeps its (article_id) index. There, with the
-- incident in this index, SQLite's planner tested a common word's
-- incidents (an EXISTS per incident walked, see incidentWhereQ) by
-- seeking every matching article in it, per incident: 26-39 s for one
-- page of "State" or "Ukraine" on the 1M store instead of 0.03-0.07 s.
--
-- A word search that collects its matches (a word in fewer than some
-- thousands of articles, see commonWords in incidentsql.go) goes from
-- each matching article to its incidents on this index. It held the
-- article only, so each match read its report's row for the incident:
-- for "Ukraine" on the 1M load store (9,303 articles) PostgreSQL judged
-- reading all 1.18M reports in order cheaper than 9,303 row lookups, and
-- took 1.2 s. With the incident in the index, the lookups read the index
-- alone. The same number of index entries as before.
DROP INDEX incident_reports_article;
CREATE INDEX incident_reports_article ON incident_reports (article_id) INCLUDE (incident_id);
