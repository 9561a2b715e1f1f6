package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// TestRollupsMatchExactCounts fills a store with random incidents, moves
// and deletes some (so every trigger runs), and checks that each count a
// rollup answers equals the same count over the incidents themselves.
func TestRollupsMatchExactCounts(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		ctx := context.Background()
		r := rand.New(rand.NewPCG(7, 11))
		countries := []string{"NG", "ML", "SO", ""}
		admin1s := []string{"Borno", "Lagos", "Gao", ""}
		types := []string{"battles", "riots", "protests"}
		subtypes := []string{"armed_clash", "mob_violence", ""}
		day := func() any {
			if r.IntN(10) == 0 {
				return nil
			}
			return time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(120)).Format(time.DateOnly)
		}
		toll := func() any {
			if r.IntN(4) == 0 {
				return nil
			}
			return r.IntN(30)
		}
		now := time.Now().UTC().Format(time.RFC3339Nano)
		write := func(query string, args ...any) {
			t.Helper()
			if _, err := s.db.ExecContext(ctx, query, args...); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
		}
		for range 400 {
			start, end := day(), any(nil)
			if start != nil && r.IntN(3) > 0 {
				d, _ := time.Parse(time.DateOnly, start.(string))
				end = d.AddDate(0, 0, r.IntN(3)).Format(time.DateOnly)
			}
			write(`INSERT INTO incidents (type, subtype, date_start, date_end, country, admin1,
				killed_best, wounded_best, certainty, created_at, changed_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
				types[r.IntN(len(types))], subtypes[r.IntN(len(subtypes))], start, end,
				countries[r.IntN(len(countries))], admin1s[r.IntN(len(admin1s))], toll(), toll(),
				"reported", now, now)
		}
		// As merging does: a blank incident, filled in within the same
		// transaction (PostgreSQL's triggers are deferred to the commit).
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for range 20 {
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO incidents (created_at, changed_at) VALUES ($1, $1) RETURNING id`,
				now).Scan(&id); err != nil {
				t.Fatal(err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE incidents SET type = $2, country = $3, date_start = $4,
				killed_best = $5 WHERE id = $1`, id, types[r.IntN(len(types))], countries[r.IntN(len(countries))],
				day(), toll()); err != nil {
				t.Fatal(err)
			}
			if id%5 == 0 {
				if _, err := tx.ExecContext(ctx, `DELETE FROM incidents WHERE id = $1`, id); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		for id := 1; id <= 400; id += 7 {
			write(`UPDATE incidents SET country = $1, type = $2, killed_best = $3, date_start = $4, date_end = NULL
				WHERE id = $5`, countries[r.IntN(len(countries))], types[r.IntN(len(types))], toll(), day(), id)
		}
		for id := 3; id <= 400; id += 11 {
			write(`DELETE FROM incidents WHERE id = $1`, id)
		}
		tests := []struct {
			f  IncidentFilter
			by []string
		}{
			{IncidentFilter{}, []string{ByCountry}},
			{IncidentFilter{}, []string{ByWeek, ByType}},
			{IncidentFilter{}, []string{ByDay}},
			{IncidentFilter{}, []string{ByYear, BySubtype}},
			{IncidentFilter{From: "2023-12-01", To: "2024-01-15"}, []string{ByMonth, ByType}},
			{IncidentFilter{To: "2023-12-31", Type: "riots"}, []string{ByDay}},
			{IncidentFilter{From: "2024-02-01", Subtype: "armed_clash"}, []string{ByWeek}},
			{IncidentFilter{Country: "NG"}, []string{ByAdmin1, ByType}},
			{IncidentFilter{Country: "ML", Admin1: "Gao"}, []string{BySubtype}},
			{IncidentFilter{Type: "battles"}, []string{ByCountry, ByAdmin1}},
			{IncidentFilter{Country: "NG"}, []string{ByMonth}},
			{IncidentFilter{Country: "SO", Type: "protests"}, []string{ByYear, ByType}},
			{IncidentFilter{}, []string{ByMonth, ByCountry}},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%+v/%v", tt.f, tt.by), func(t *testing.T) {
				if _, ok := rollupFor(tt.f, tt.by); !ok {
					t.Fatalf("no rollup answers this count; the test would compare the exact query with itself")
				}
				got, err := s.countIncidents(ctx, tt.f, tt.by, true)
				if err != nil {
					t.Fatal(err)
				}
				want, err := s.countIncidents(ctx, tt.f, tt.by, false)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 {
					t.Fatal("the exact count is empty; pick a filter the random data meets")
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("rollup\n%v\nexact\n%v", got, want)
				}
			})
		}
	})
}
