-- Incident merging (see merge.go). Keep in step with ../sqlite/0002_merge.sql.

-- What merging compares articles by, computed once when the article is put:
-- the SimHash of title and text (cluster.SimHash), the content words of the
-- title and lead (cluster.Tokens, space-separated), and the article this one
-- is a near-duplicate (syndicated copy) of, if any: the first stored copy.
ALTER TABLE articles ADD COLUMN signature BIGINT;
ALTER TABLE articles ADD COLUMN tokens TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN duplicate_of BIGINT REFERENCES articles (id) ON DELETE SET NULL;
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

-- The near-duplicate index: each article under the week it was published and
-- each of its signature's NearDuplicateBits+1 bands (band number in the high
-- bits of key). Copies within NearDuplicateBits agree on one band at least,
-- so finding them is a few exact lookups.
CREATE TABLE article_bands (
    key        BIGINT NOT NULL,
    week       INTEGER NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, week, article_id)
);
CREATE INDEX article_bands_article ON article_bands (article_id);

-- Document frequencies of tokens over all articles, for the IDF weights of
-- text similarity; the row with token '' counts the articles.
CREATE TABLE token_df (
    token TEXT PRIMARY KEY,
    n     BIGINT NOT NULL
);

-- A report's place and days as merging looks them up: the window of days it
-- is filed under (days since 1970-01-01, cluster.Window), the country and
-- admin1 (lower-cased, '' unknown); data holds the rest of its cluster item.
-- duplicate marks a near-duplicate article's report: listed as a source,
-- not counted among the incident's reports or tolls.
ALTER TABLE incident_reports ADD COLUMN win_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incident_reports ADD COLUMN win_end INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incident_reports ADD COLUMN country TEXT NOT NULL DEFAULT '';
ALTER TABLE incident_reports ADD COLUMN admin1 TEXT NOT NULL DEFAULT '';
ALTER TABLE incident_reports ADD COLUMN published TIMESTAMPTZ;
ALTER TABLE incident_reports ADD COLUMN duplicate BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX incident_reports_place_win ON incident_reports (country, admin1, win_start);
CREATE INDEX incident_reports_country_win ON incident_reports (country, win_start);
CREATE INDEX incident_reports_win ON incident_reports (win_start);
CREATE INDEX incident_reports_incident ON incident_reports (incident_id);

-- Incidents: sort keys and filters.
CREATE INDEX incidents_killed ON incidents (killed_best, id);
CREATE INDEX incidents_reports ON incidents (report_count, id);
CREATE INDEX incidents_date_id ON incidents (date_start, id);
CREATE INDEX incidents_type ON incidents (type, subtype);

-- The actors of each incident, one row per name and role, so an actor
-- filter or aggregate is an index lookup. actor is the catalog name when
-- resolved, else the text's name; role is perpetrator, target or victim.
CREATE TABLE incident_actors (
    incident_id BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL,
    resolved    BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (incident_id, actor, role)
);
CREATE INDEX incident_actors_actor ON incident_actors (actor, role, incident_id);
