package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"sitrep/internal/export"
	"sitrep/internal/server"
	"sitrep/internal/store"
)

func init() {
	register(command{name: "serve", order: 60, run: env.cmdServe,
		summary: "serve the JSON API (/api/v1/) and the web page over the store"})
}

// cmdServe runs the API and web page until interrupted. Tokens come from
// the environment by default so that they do not show in `ps`.
func (e env) cmdServe(args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this host:port (port 0 picks a free one)")
	dsn := fs.String("db", envOr("SITREP_DB", store.DefaultDSN), "the store: a SQLite file, or a postgres:// URL (default $SITREP_DB or ./sitrep.db)")
	writeToken := fs.String("write-token", os.Getenv("SITREP_WRITE_TOKEN"), "token that POST /api/v1/articles and the submit form need (default $SITREP_WRITE_TOKEN; empty disables writes)")
	readToken := fs.String("read-token", os.Getenv("SITREP_READ_TOKEN"), "token every read needs (default $SITREP_READ_TOKEN; empty makes reads public)")
	quiet := fs.Bool("quiet", false, "log only warnings and errors, not every request")
	maxReads := fs.Int("max-reads", 0, "read requests run against the store at once, the others queue (0: SQLite the CPUs, 2 to 8; PostgreSQL 8; -1: no limit)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile until the server stops (for 'go tool pprof')")
	cacheMB := fs.Int("cache-mb", 64, "memory for cached API answers, dropped whenever the store changes (0: no cache)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep serve [--addr HOST:PORT] [--db DSN] [--write-token T] [--read-token T] [--quiet]

Serves the stored incidents: the JSON API under /api/v1/ (described at
/api/v1/openapi.json), the web page at /, /healthz, /readyz and Prometheus
metrics at /metrics. Logs one JSON line per request on stderr.`)
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fs.Usage()
		return 2
	}
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: level}))

	if *cpuProfile != "" {
		// Where a query mix spends the server's CPU decides what to make
		// faster (run the load tool against it, then stop it with Ctrl-C).
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
			return 1
		}
		defer stopProfile()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return 1
	}
	defer s.Close()
	srv, err := server.New(server.Config{Store: s, WriteToken: *writeToken, ReadToken: *readToken,
		Logger: log, Export: exportFunc, CacheBytes: max(*cacheMB, 0) << 20, MaxReads: *maxReads})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return 1
	}
	err = srv.Serve(ctx, *addr, func(a string) {
		log.Warn("listening", "addr", "http://"+a, "db", redactDSN(*dsn), "writes", *writeToken != "", "reads_need_token", *readToken != "")
	})
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return 1
	}
	return 0
}

// exportFunc writes /api/v1/export's files; a variable so the server
// package needs no import of internal/export.
var exportFunc server.ExportFunc = export.Write

// redactDSN hides a password in a postgres:// URL before it is logged.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}
