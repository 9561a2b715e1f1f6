package store

import (
	"context"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

// BenchmarkLoadStore times the load tool's uncached kinds on a store
// named by SITREP_BENCH_DB (a copy: opening it migrates it), e.g. one of
// `loadtest gen`. Skipped without it.
//
//	SITREP_BENCH_DB=/tmp/x/load.db go test ./internal/store -run '^$' -bench LoadStore
func BenchmarkLoadStore(b *testing.B) {
	dsn := os.Getenv("SITREP_BENCH_DB")
	if dsn == "" {
		b.Skip("SITREP_BENCH_DB not set")
	}
	ctx := context.Background()
	st, err := Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s := st.(*sqlStore)
	first := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	window := func(r *rand.Rand, days int) (string, string) {
		start := first.AddDate(0, 0, r.IntN(3650-days))
		return start.Format(time.DateOnly), start.AddDate(0, 0, days).Format(time.DateOnly)
	}
	run := func(name string, f func(b *testing.B)) {
		b.Run(name, func(b *testing.B) {
			c0 := cpuTime(b)
			f(b)
			b.ReportMetric(float64(cpuTime(b)-c0)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
	run("stats_week_type_window", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 2))
		for b.Loop() {
			from, to := window(r, 365)
			if _, err := s.CountIncidents(ctx, IncidentFilter{From: from, To: to}, ByWeek, ByType); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The load tool picks a country uniformly from those with incidents.
	var countries []string
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT country FROM incident_type_countries WHERE country <> '' ORDER BY 1`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			b.Fatal(err)
		}
		countries = append(countries, c)
	}
	rows.Close()
	run("list_country_window", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 2))
		for b.Loop() {
			from, to := window(r, 90)
			if _, err := s.QueryIncidents(ctx, IncidentFilter{Country: countries[r.IntN(len(countries))], From: from, To: to, Limit: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
	run("list_bbox", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 2))
		for b.Loop() {
			lon, lat := -20+r.Float64()*110, -30+r.Float64()*70
			box := [4]float64{lon, lat, lon + 5, lat + 5}
			if _, err := s.QueryIncidents(ctx, IncidentFilter{BBox: &box, Limit: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
	run("event", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 2))
		var maxID int64
		if err := s.db.QueryRowContext(ctx, `SELECT max(id) FROM incidents`).Scan(&maxID); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := s.Incident(ctx, 1+r.Int64N(maxID)); err != nil && err != ErrNotFound {
				b.Fatal(err)
			}
		}
	})
}
