-- The change signal of ../postgres/0010_change_signal.sql needs nothing in
-- SQLite's schema: "PRAGMA data_version" on a connection that never
-- writes moves with every commit of any other connection, in this process
-- or another (see changes.go). This file keeps the two dialects' versions
-- in step.
SELECT 1;
