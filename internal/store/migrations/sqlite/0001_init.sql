-- sitrep's schema, SQLite dialect. Keep in step with ../postgres/0001_init.sql:
-- the two differ only in types (TEXT timestamps here, written fixed-width so
-- they sort as text), identity columns and full-text search.

-- One row per article as last seen; earlier versions move to article_versions.
-- url and external_id are UNIQUE (NULLs allowed many times) because they are
-- how a re-ingested article is recognised; content_hash is only indexed, since
-- an update may make two records' texts equal.
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT UNIQUE,
    source       TEXT NOT NULL DEFAULT '',
    url          TEXT UNIQUE,
    title        TEXT NOT NULL DEFAULT '',
    subtitle     TEXT NOT NULL DEFAULT '',
    byline       TEXT NOT NULL DEFAULT '',
    dateline     TEXT NOT NULL DEFAULT '',
    published    TEXT,
    updated      TEXT,
    language     TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT '[]',
    text         TEXT NOT NULL DEFAULT '',
    content_hash TEXT,
    simhash      INTEGER,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    ingested_at  TEXT NOT NULL,
    changed_at   TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published);

-- Every version an update replaced, newest last; events are not kept here
-- because they can be coded again from the text.
CREATE TABLE article_versions (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    external_id  TEXT,
    source       TEXT NOT NULL,
    url          TEXT,
    title        TEXT NOT NULL,
    subtitle     TEXT NOT NULL,
    byline       TEXT NOT NULL,
    dateline     TEXT NOT NULL,
    published    TEXT,
    updated      TEXT,
    language     TEXT NOT NULL,
    tags         TEXT NOT NULL,
    text         TEXT NOT NULL,
    content_hash TEXT,
    simhash      INTEGER,
    ingested_at  TEXT NOT NULL,
    replaced_at  TEXT NOT NULL,
    UNIQUE (article_id, version)
);

-- Events as one article codes them. The scalar columns are what queries and
-- incident merging filter on; data holds the whole Event (lists and objects)
-- as JSON, minus evidence, which has its own table.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    type           TEXT NOT NULL DEFAULT '',
    subtype        TEXT NOT NULL DEFAULT '',
    attack_type    TEXT,
    date_start     TEXT,
    date_end       TEXT,
    date_precision TEXT NOT NULL DEFAULT '',
    location       TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    admin1         TEXT NOT NULL DEFAULT '',
    lat            REAL,
    lon            REAL,
    killed_min     INTEGER,
    killed_max     INTEGER,
    wounded_min    INTEGER,
    wounded_max    INTEGER,
    certainty      TEXT NOT NULL DEFAULT '',
    data           TEXT NOT NULL,
    UNIQUE (article_id, seq),
    CHECK (killed_min IS NULL OR killed_min >= 0),
    CHECK (killed_max IS NULL OR (killed_min IS NOT NULL AND killed_max >= killed_min)),
    CHECK (wounded_min IS NULL OR wounded_min >= 0),
    CHECK (wounded_max IS NULL OR (wounded_min IS NOT NULL AND wounded_max >= wounded_min)),
    CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    CHECK (date_start IS NULL OR date_end IS NULL OR date_end >= date_start)
);
-- Candidates for merging and the API's filters: a date window, alone or
-- within a country or an admin1 region. The window is a range of date_start
-- (see MaxEventSpanDays), so these are range scans, never a full scan.
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_country_date ON events (country, date_start);
CREATE INDEX events_place_date ON events (country, admin1, date_start);
CREATE INDEX events_type ON events (type, subtype);

-- The sentences an event's fields came from, as byte offsets into the text.
CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    text         TEXT NOT NULL DEFAULT '',
    UNIQUE (event_id, seq),
    CHECK (start_offset >= 0 AND end_offset >= start_offset)
);

-- One real-world incident merged from the events of many articles: a best
-- estimate of each field plus the range the sources span.
CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    type         TEXT NOT NULL DEFAULT '',
    subtype      TEXT NOT NULL DEFAULT '',
    date_start   TEXT,
    date_end     TEXT,
    location     TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    admin1       TEXT NOT NULL DEFAULT '',
    lat          REAL,
    lon          REAL,
    killed_best  INTEGER,
    killed_min   INTEGER,
    killed_max   INTEGER,
    wounded_best INTEGER,
    wounded_min  INTEGER,
    wounded_max  INTEGER,
    certainty    TEXT NOT NULL DEFAULT '',
    report_count INTEGER NOT NULL DEFAULT 0,
    data         TEXT NOT NULL DEFAULT '{}',
    created_at   TEXT NOT NULL,
    changed_at   TEXT NOT NULL,
    CHECK (killed_min IS NULL OR killed_max IS NULL OR killed_max >= killed_min),
    CHECK (wounded_min IS NULL OR wounded_max IS NULL OR wounded_max >= wounded_min)
);
CREATE INDEX incidents_date ON incidents (date_start, date_end);
CREATE INDEX incidents_country_date ON incidents (country, date_start);
CREATE INDEX incidents_place_date ON incidents (country, admin1, date_start);

-- Which events (reports) an incident was merged from, with the values each
-- source gave, so ranges can be recomputed and disagreements shown. An event
-- belongs to at most one incident; re-coding an article deletes its events
-- and so unlinks them here.
CREATE TABLE incident_reports (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    date_start  TEXT,
    date_end    TEXT,
    killed_min  INTEGER,
    killed_max  INTEGER,
    wounded_min INTEGER,
    wounded_max INTEGER,
    certainty   TEXT NOT NULL DEFAULT '',
    score       REAL,
    data        TEXT NOT NULL DEFAULT '{}',
    linked_at   TEXT NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);
CREATE INDEX incident_reports_article ON incident_reports (article_id);

-- Work for several machines. A claimed job is 'running' with the claimer's
-- name and the time of the claim (locked_at), which starts its lease;
-- attempts counts claims.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      BLOB,
    status       TEXT NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    worker       TEXT,
    last_error   TEXT,
    run_after    TEXT NOT NULL,
    locked_at    TEXT,
    created_at   TEXT NOT NULL,
    finished_at  TEXT
);
-- Claim takes the oldest queued jobs and reclaims running ones whose lease
-- ran out; each reads its own partial index, which holds only the rows in
-- that state, so a long history of done jobs costs nothing.
CREATE INDEX jobs_queued ON jobs (id) WHERE status = 'queued';
CREATE INDEX jobs_running ON jobs (locked_at) WHERE status = 'running';

-- Full-text search over title and text. External-content FTS5 keeps one copy
-- of the text; the triggers run inside the writing transaction, so the index
-- can never disagree with the table.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
