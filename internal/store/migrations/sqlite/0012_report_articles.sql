-- ../postgres/0012_report_articles.sql adds the incident to PostgreSQL's
-- index of reports by article. SQLite keeps its (article_id) index: with
-- the incident in it, SQLite's planner sought every matching article per
-- incident walked for a common word (26-39 s for one page on the 1M
-- store). This file keeps the two dialects' versions in step.
SELECT 1;
