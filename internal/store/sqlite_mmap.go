package store

import (
	"context"
	"strings"

	"modernc.org/sqlite"
)

// sqliteReadPragmas are set on every SQLite connection, after the DSN's
// own pragmas (see sqlitePragmas), unless the DSN sets them itself.
//
// With SQLite's defaults (no memory map, a 2 MB page cache per
// connection) a store of a million incidents is read one pread(2) per
// page: profiled under the load tool's mix on a 100k-incident store, 43%
// of the server's CPU was in that system call and 55% in table seeks.
// Mapping the file (up to the 2 GB this build of SQLite allows) reads
// pages straight from the kernel's page cache, shared by all connections;
// a larger page cache keeps the pages of a bigger file that lie past the
// mapped part. The map only serves reads: writes still go through the WAL.
var sqliteReadPragmas = []struct{ name, set string }{
	{"mmap_size", "PRAGMA mmap_size = 2147418112"}, // SQLITE_MAX_MMAP_SIZE of modernc.org/sqlite
	{"cache_size", "PRAGMA cache_size = -32768"},   // 32 MB per connection
}

func init() {
	sqlite.RegisterConnectionHook(func(conn sqlite.ExecQuerierContext, dsn string) error {
		if strings.HasPrefix(dsn, ":memory:") || strings.Contains(dsn, "mode=memory") {
			return nil
		}
		for _, p := range sqliteReadPragmas {
			if strings.Contains(dsn, p.name) {
				continue
			}
			// PRAGMA mmap_size answers with a row; QueryContext reads it.
			rows, err := conn.QueryContext(context.Background(), p.set, nil)
			if err != nil {
				return err
			}
			rows.Close()
		}
		return nil
	})
}
