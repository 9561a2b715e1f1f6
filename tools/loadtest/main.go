// Command loadtest measures sitrep's API at scale: `gen` fills a store with
// a million or more synthetic incidents, and `run` sends a running
// `sitrep serve` a realistic mix of queries from many clients and reports
// latency percentiles.
//
//	go run ./tools/loadtest gen --db /tmp/load.db --n 1000000
//	go run ./cmd/sitrep serve --db /tmp/load.db --quiet &
//	go run ./tools/loadtest run --clients 50 --duration 30s
//
// gen bypasses reading, extraction and merging on purpose: those stages
// are measured by their own benchmarks, cost about a second per hundred
// articles, and would take hours for a million incidents. It writes rows
// straight into the schema store.Open has migrated, shaped as PutArticles
// would leave them (one article, event and incident report per report,
// the incident's reconciled fields and its actors), so the queries the API
// runs meet the same tables, indexes and row counts as in production.
package main

import (
	"fmt"
	"log/slog"
	"os"
)

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = cmdGen(os.Args[2:])
	case "run":
		err = cmdRun(os.Args[2:])
	default:
		usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "loadtest %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage: loadtest gen --db DSN [--n N]   fill a store with synthetic incidents
       loadtest run [--url URL] [--clients N] [--duration D]   load a running sitrep serve`)
}
