// Package store keeps sitrep's articles, coded events, merged incidents and
// work queue in SQL: SQLite (one file, the default) or PostgreSQL (shared by
// several machines).
package store

import (
	// The two database/sql drivers sitrep speaks. Both are pure Go, so the
	// binary stays cgo-free and cross-compiles like the rest of sitrep.
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)
