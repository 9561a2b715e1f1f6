-- Finding merge candidates from the index alone (see candidates in
-- merge.go). Keep in step with ../sqlite/0007_merge_covering.sql.
--
-- The candidate query reads win_start, win_end and incident_id of every
-- report in an event's place and window. The indexes of 0002 held only
-- the place and win_start, so each report in the range cost a lookup of
-- its table row as well; an event with no country (most of a crime
-- blotter's) ranges over every report of its window, which made that the
-- bulk of finding candidates. These hold all three columns, so the query
-- never reads the table (an index-only scan on PostgreSQL, once vacuum
-- has marked the pages all-visible; until then it checks the heap). Each
-- replaces the 0002 index it extends: any lookup by the old columns uses
-- the new index's leading ones.
DROP INDEX incident_reports_place_win;
DROP INDEX incident_reports_country_win;
DROP INDEX incident_reports_win;
CREATE INDEX incident_reports_place_win ON incident_reports (country, admin1, win_start, win_end, incident_id);
CREATE INDEX incident_reports_country_win ON incident_reports (country, win_start, win_end, incident_id);
CREATE INDEX incident_reports_win ON incident_reports (win_start, win_end, incident_id);
