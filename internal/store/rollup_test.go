package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
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
		certainties := []string{"reported", "claimed", "alleged"}
		certainty := func() string { return certainties[r.IntN(len(certainties))] }
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
				certainty(), now, now)
		}
		// Incidents whose last day is before their first, or weeks after
		// it (counted by incident_spans).
		for k := range 40 {
			d := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(120))
			end := d.AddDate(0, 0, -1-r.IntN(5))
			if k%2 == 0 {
				end = d.AddDate(0, 0, 3+r.IntN(25))
			}
			write(`INSERT INTO incidents (type, date_start, date_end, country, killed_best, certainty, created_at, changed_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, types[r.IntN(len(types))], d.Format(time.DateOnly),
				end.Format(time.DateOnly), countries[r.IntN(len(countries))], toll(), certainty(), now)
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
				killed_best = $5, certainty = $6 WHERE id = $1`, id, types[r.IntN(len(types))],
				countries[r.IntN(len(countries))], day(), toll(), certainty()); err != nil {
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
		// A certainty revised alone, as a later report can.
		for id := 2; id <= 400; id += 9 {
			write(`UPDATE incidents SET certainty = $1 WHERE id = $2`, certainty(), id)
		}
		// A toll revised alone.
		for id := 5; id <= 400; id += 13 {
			write(`UPDATE incidents SET killed_best = $1, wounded_best = $2 WHERE id = $3`, toll(), toll(), id)
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
			// incident_type_countries (0009).
			{IncidentFilter{Type: "battles"}, []string{ByCountry}},
			{IncidentFilter{Country: "NG"}, []string{ByType}},
			{IncidentFilter{}, []string{ByType, ByCountry}},
			// incident_day_types and incident_spans (0009).
			{IncidentFilter{From: "2023-12-01", To: "2024-01-15"}, []string{ByWeek, ByType}},
			{IncidentFilter{From: "2023-12-20", To: "2024-02-10", Type: "riots"}, []string{ByDay}},
			{IncidentFilter{From: "2024-01-03"}, []string{ByType, ByWeek}},
			{IncidentFilter{From: "2023-11-20", To: "2023-11-20"}, []string{ByType}},
			{IncidentFilter{To: "2023-12-31"}, []string{ByMonth, ByType}},
			{IncidentFilter{From: "2024-02-01", To: "2024-03-31", Type: "protests"}, []string{ByYear}},
			{IncidentFilter{Type: "riots"}, []string{ByMonth}},
			{IncidentFilter{}, []string{ByType, ByMonth}},
			{IncidentFilter{}, []string{ByType}}, // the undated count too
			// incident_certainties (0016): the events page's timeline
			// under a certainty filter, alone and with its other filters.
			{IncidentFilter{Certainty: "claimed"}, []string{ByMonth, ByType}},
			{IncidentFilter{Certainty: "reported"}, []string{ByWeek, ByType}},
			{IncidentFilter{Certainty: "alleged", Type: "riots"}, []string{ByMonth, ByType}},
			{IncidentFilter{Certainty: "claimed", From: "2023-12-01", To: "2024-01-15"}, []string{ByWeek, ByType}},
			{IncidentFilter{Certainty: "reported", From: "2024-01-03"}, []string{ByDay}},
			{IncidentFilter{Certainty: "claimed", To: "2023-12-31", Type: "battles"}, []string{ByYear, ByType}},
			{IncidentFilter{Certainty: "alleged"}, []string{ByType}}, // the undated too
			// incident_killed (0018): a minimum of deaths, alone and with
			// a certainty, type or window.
			{IncidentFilter{MinKilled: 1}, []string{ByMonth, ByType}},
			{IncidentFilter{MinKilled: 12}, []string{ByWeek, ByType}},
			{IncidentFilter{MinKilled: 5, Certainty: "claimed"}, []string{ByMonth, ByType}},
			{IncidentFilter{MinKilled: 3, Type: "battles", From: "2023-12-01", To: "2024-01-15"}, []string{ByDay}},
			{IncidentFilter{MinKilled: 20, To: "2023-12-31"}, []string{ByYear, ByType}},
			{IncidentFilter{MinKilled: 2}, []string{ByType}}, // the undated too
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%+v/%v", tt.f, tt.by), func(t *testing.T) {
				if _, ok := rollupFor(tt.f, tt.by); !ok && !dayTypesFit(tt.f, tt.by) {
					t.Fatalf("no rollup answers this count; the test would compare the exact query with itself")
				}
				sameCounts(ctx, t, s, tt.f, tt.by, "rollup")
			})
		}
	})
}

// TestActorSummaryMatchesExact fills a store with random incidents and
// actors, then changes them as merging does (actors deleted and written
// again, incidents moved to other places, types, days and tolls, incidents
// deleted), and checks that each actor list the summary answers equals the
// list over the incidents themselves, first and last days included.
func TestActorSummaryMatchesExact(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		ctx := context.Background()
		r := rand.New(rand.NewPCG(3, 5))
		countries := []string{"NG", "ML", "SO", ""}
		types := []string{"battles", "riots", "protests"}
		actors := []string{"Alpha Front", "Beta Militia", "Gamma Police", "civilians", "Delta Youths", "Epsilon Army"}
		roles := []string{rolePerpetrator, roleTarget, roleVictim}
		admin1s := []string{"Borno", "Lagos", "Gao", ""}
		admin1 := func() string { return admin1s[r.IntN(len(admin1s))] }
		day := func() any {
			if r.IntN(10) == 0 {
				return nil
			}
			return time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(300)).Format(time.DateOnly)
		}
		toll := func() any {
			if r.IntN(4) == 0 {
				return nil
			}
			return r.IntN(30)
		}
		now := time.Now().UTC().Format(time.RFC3339Nano)
		// setActors replaces an incident's actors as reconciling does:
		// delete them all, then insert one to four (name, role) rows.
		setActors := func(ex interface {
			ExecContext(context.Context, string, ...any) (sql.Result, error)
		}, id int64) {
			t.Helper()
			if _, err := ex.ExecContext(ctx, `DELETE FROM incident_actors WHERE incident_id = $1`, id); err != nil {
				t.Fatal(err)
			}
			seen := map[[2]string]bool{}
			for range 1 + r.IntN(4) {
				k := [2]string{actors[r.IntN(len(actors))], roles[r.IntN(len(roles))]}
				if seen[k] {
					continue
				}
				seen[k] = true
				if _, err := ex.ExecContext(ctx, `INSERT INTO incident_actors (incident_id, actor, role, resolved)
					VALUES ($1, $2, $3, $4)`, id, k[0], k[1], r.IntN(3) == 0); err != nil {
					t.Fatal(err)
				}
			}
		}
		// end is a last day for start: the same, a few days later or
		// earlier, or none.
		end := func(start any) any {
			if start == nil || r.IntN(5) == 0 {
				return nil
			}
			d, _ := time.Parse(time.DateOnly, start.(string))
			return d.AddDate(0, 0, r.IntN(12)-2).Format(time.DateOnly)
		}
		certainties := []string{"reported", "claimed", "alleged"}
		certainty := func() string { return certainties[r.IntN(len(certainties))] }
		insert := `INSERT INTO incidents (type, date_start, date_end, country, killed_best, wounded_best, certainty,
			created_at, changed_at, admin1) VALUES ($1, $2, $3, $4, $5, $6, $9, $7, $7, $8) RETURNING id`
		var ids []int64
		for range 300 {
			var id int64
			start := day()
			if err := s.db.QueryRowContext(ctx, insert, types[r.IntN(len(types))], start, end(start),
				countries[r.IntN(len(countries))], toll(), toll(), now, admin1(), certainty()).Scan(&id); err != nil {
				t.Fatal(err)
			}
			setActors(s.db, id)
			ids = append(ids, id)
		}
		// As merging does, in one transaction (PostgreSQL's triggers run
		// at its commit): a blank incident filled in and given actors,
		// others re-coded and moved.
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k := range 20 {
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO incidents (created_at, changed_at) VALUES ($1, $1) RETURNING id`,
				now).Scan(&id); err != nil {
				t.Fatal(err)
			}
			setActors(tx, id)
			start := day()
			if _, err := tx.ExecContext(ctx, `UPDATE incidents SET type = $2, country = $3, date_start = $4,
				killed_best = $5, date_end = $6, wounded_best = $7, admin1 = $8 WHERE id = $1`, id, types[r.IntN(len(types))],
				countries[r.IntN(len(countries))], start, toll(), end(start), toll(), admin1()); err != nil {
				t.Fatal(err)
			}
			old := ids[r.IntN(len(ids))]
			setActors(tx, old)
			if k%4 == 0 {
				if _, err := tx.ExecContext(ctx, `DELETE FROM incidents WHERE id = $1`, id); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		for k := 0; k < len(ids); k += 7 {
			if _, err := s.db.ExecContext(ctx, `UPDATE incidents SET country = $1, type = $2, killed_best = $3,
				date_start = $4 WHERE id = $5`, countries[r.IntN(len(countries))], types[r.IntN(len(types))],
				toll(), day(), ids[k]); err != nil {
				t.Fatal(err)
			}
		}
		// A last day or a wounded toll revised alone.
		for k := 2; k < len(ids); k += 9 {
			if _, err := s.db.ExecContext(ctx, `UPDATE incidents SET date_end = $1 WHERE id = $2`,
				end(day()), ids[k]); err != nil {
				t.Fatal(err)
			}
		}
		for k := 4; k < len(ids); k += 9 {
			if _, err := s.db.ExecContext(ctx, `UPDATE incidents SET wounded_best = $1 WHERE id = $2`,
				toll(), ids[k]); err != nil {
				t.Fatal(err)
			}
		}
		// An admin1 revised alone.
		for k := 6; k < len(ids); k += 9 {
			if _, err := s.db.ExecContext(ctx, `UPDATE incidents SET admin1 = $1 WHERE id = $2`,
				admin1(), ids[k]); err != nil {
				t.Fatal(err)
			}
		}
		// A certainty revised alone.
		for k := 7; k < len(ids); k += 10 {
			if _, err := s.db.ExecContext(ctx, `UPDATE incidents SET certainty = $1 WHERE id = $2`,
				certainty(), ids[k]); err != nil {
				t.Fatal(err)
			}
		}
		// An actor's role changed in place.
		for k := 8; k < len(ids); k += 17 {
			if _, err := s.db.ExecContext(ctx, `UPDATE incident_actors SET role = $1
				WHERE incident_id = $2 AND role = $3 AND NOT EXISTS (SELECT 1 FROM incident_actors b
					WHERE b.incident_id = incident_actors.incident_id AND b.actor = incident_actors.actor
					AND b.role = $1)`, rolePerpetrator, ids[k], roleVictim); err != nil {
				t.Fatal(err)
			}
		}
		for k := 3; k < len(ids); k += 11 {
			if _, err := s.db.ExecContext(ctx, `DELETE FROM incidents WHERE id = $1`, ids[k]); err != nil {
				t.Fatal(err)
			}
		}
		for k := 5; k < len(ids); k += 13 {
			if _, err := s.db.ExecContext(ctx, `DELETE FROM incident_actors WHERE incident_id = $1`, ids[k]); err != nil {
				t.Fatal(err)
			}
		}
		tests := []IncidentFilter{
			{},
			{Country: "NG"},
			{Type: "riots"},
			{Country: "ML", Type: "battles"},
			{Country: "SO", Type: "protests"},
			{Limit: 3},
		}
		for _, f := range tests {
			t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
				if !actorSummaryFits(f) {
					t.Fatal("the summary does not answer this filter; the test would compare the exact query with itself")
				}
				got, err := s.actors(ctx, f, f.Limit, true)
				if err != nil {
					t.Fatal(err)
				}
				want, err := s.actors(ctx, f, f.Limit, false)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 {
					t.Fatal("the exact list is empty; pick a filter the random data meets")
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("summary\n%+v\nexact\n%+v", got, want)
				}
			})
		}
		// The events page's timeline of an actor (migration 0017): counts
		// from actor_incidents equal the counts over incidents.
		counts := []struct {
			f  IncidentFilter
			by []string
		}{
			{IncidentFilter{Actor: "Alpha Front"}, []string{ByMonth, ByType}},
			{IncidentFilter{Actor: "civilians"}, []string{ByWeek, ByType}},
			{IncidentFilter{Actor: "Beta Militia", Type: "riots"}, []string{ByMonth, ByType}},
			{IncidentFilter{Actor: "Gamma Police", From: "2024-01-01", To: "2024-03-31"}, []string{ByWeek, ByType}},
			{IncidentFilter{Actor: "Delta Youths", From: "2024-02-10"}, []string{ByDay}},
			{IncidentFilter{Actor: "Epsilon Army", To: "2024-05-31", Country: "NG"}, []string{ByMonth, ByType}},
			{IncidentFilter{Actor: "Alpha Front", Country: "ML"}, []string{ByYear}},
			{IncidentFilter{Actor: "civilians", To: "2024-06-30"}, []string{ByCountry, ByType}},
			// admin1 (migration 0019).
			{IncidentFilter{Actor: "Alpha Front", From: "2023-12-01"}, []string{ByCountry, ByAdmin1}},
			{IncidentFilter{Actor: "Delta Youths", Country: "NG", Admin1: "Borno"}, []string{ByWeek}},
			{IncidentFilter{Actor: "civilians", From: "2024-01-01", Admin1: "Gao"}, []string{ByType}},
			// A certainty or a minimum of deaths (migration 0019).
			{IncidentFilter{Actor: "Alpha Front", Certainty: "claimed"}, []string{ByWeek, ByType}},
			{IncidentFilter{Actor: "civilians", Certainty: "alleged", Country: "SO"}, []string{ByMonth}},
			{IncidentFilter{Actor: "Beta Militia", MinKilled: 1}, []string{ByMonth, ByType}},
			{IncidentFilter{Actor: "Epsilon Army", MinKilled: 15, Certainty: "reported"}, []string{ByYear}},
			{IncidentFilter{Actor: "Gamma Police", MinKilled: 10}, []string{ByTarget}},
			// Other actors by role where actor_targets cannot answer: the
			// other actors of the rows, by role.
			{IncidentFilter{Actor: "civilians", From: "2024-01-01"}, []string{ByPerpetrator}},
			{IncidentFilter{Actor: "Gamma Police"}, []string{ByActor, ByMonth}},
			{IncidentFilter{Actor: "Beta Militia", Admin1: "Lagos"}, []string{ByTarget}},
			{IncidentFilter{Actor: "Alpha Front"}, []string{ByTarget}},
			{IncidentFilter{Actor: "civilians"}, []string{ByPerpetrator}},
			{IncidentFilter{Actor: "Beta Militia", Country: "NG"}, []string{ByTarget, ByType}},
			// An actor role (the rows' roles, migration 0019).
			{IncidentFilter{Actor: "civilians", ActorRole: ByTarget}, []string{ByPerpetrator}},
			{IncidentFilter{Actor: "Alpha Front", ActorRole: ByPerpetrator}, []string{ByWeek, ByType}},
			{IncidentFilter{Actor: "Gamma Police", ActorRole: ByTarget, From: "2024-02-01"}, []string{ByCountry, ByAdmin1}},
			{IncidentFilter{Actor: "Beta Militia", ActorRole: ByPerpetrator, Admin1: "Lagos"}, []string{ByTarget}},
			{IncidentFilter{Actor: "Epsilon Army", ActorRole: ByPerpetrator}, []string{ByActor}},
		}
		for _, tt := range counts {
			t.Run(fmt.Sprintf("count %+v/%v", tt.f, tt.by), func(t *testing.T) {
				if !actorCountsFit(tt.f, tt.by) || actorTargetsFit(tt.f, tt.by) || actorPlacesFit(tt.f, tt.by) {
					t.Fatal("actor_incidents does not answer this count; the test would compare another path")
				}
				sameCounts(ctx, t, s, tt.f, tt.by, "actor_incidents")
			})
		}
		// The actor page's targets (migration 0019): the targets and
		// victims of the incidents an actor perpetrated, from
		// actor_targets.
		targets := []struct {
			f  IncidentFilter
			by []string
		}{
			{IncidentFilter{Actor: "Alpha Front", ActorRole: ByPerpetrator}, []string{ByTarget}},
			{IncidentFilter{Actor: "civilians", ActorRole: ByPerpetrator}, []string{ByTarget}},
			{IncidentFilter{Actor: "Beta Militia", ActorRole: ByPerpetrator, Country: "NG"}, []string{ByTarget, ByType}},
			{IncidentFilter{Actor: "Epsilon Army", ActorRole: ByPerpetrator, Type: "riots"}, []string{ByCountry, ByTarget}},
			{IncidentFilter{Actor: "Delta Youths", ActorRole: ByPerpetrator, Country: "ML", Type: "battles"}, []string{ByTarget}},
			{IncidentFilter{Actor: "Gamma Police", ActorRole: ByPerpetrator, Limit: 2}, []string{ByType, ByTarget}},
		}
		// On PostgreSQL, first with the deltas the writes above left
		// (migration 0021: read with the tables), then folded into them.
		for _, stage := range []string{"deltas", "folded"} {
			if stage == "folded" {
				if s.dialect == postgresDialect {
					var before int
					if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM actor_targets_delta)
						+ (SELECT count(*) FROM actor_places_delta)`).Scan(&before); err != nil {
						t.Fatal(err)
					}
					if before == 0 {
						t.Fatal("no delta rows to fold: the test would not test the fold")
					}
				}
				if _, err := s.foldRollups(ctx); err != nil {
					t.Fatal(err)
				}
				if s.dialect == postgresDialect {
					var after int
					if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM actor_targets_delta)
						+ (SELECT count(*) FROM actor_places_delta)`).Scan(&after); err != nil || after != 0 {
						t.Fatalf("%d delta rows left after the fold (%v)", after, err)
					}
				}
			}
			for _, tt := range targets {
				t.Run(fmt.Sprintf("%s targets %+v/%v", stage, tt.f, tt.by), func(t *testing.T) {
					if !actorTargetsFit(tt.f, tt.by) {
						t.Fatal("actor_targets does not answer this count; the test would compare another path")
					}
					sameCounts(ctx, t, s, tt.f, tt.by, "actor_targets")
				})
			}
			// The actor page's places (migration 0019): its incidents by
			// country, admin1 and type, from actor_places.
			places := []struct {
				f  IncidentFilter
				by []string
			}{
				{IncidentFilter{Actor: "Alpha Front"}, []string{ByCountry, ByAdmin1}},
				{IncidentFilter{Actor: "civilians"}, []string{ByCountry, ByType}}, // the undated too
				{IncidentFilter{Actor: "Beta Militia", Country: "NG"}, []string{ByAdmin1}},
				{IncidentFilter{Actor: "Gamma Police", Admin1: "Gao", Type: "riots"}, []string{ByCountry}},
				{IncidentFilter{Actor: "Epsilon Army"}, []string{ByType, ByAdmin1}},
			}
			for _, tt := range places {
				t.Run(fmt.Sprintf("%s places %+v/%v", stage, tt.f, tt.by), func(t *testing.T) {
					if !actorPlacesFit(tt.f, tt.by) {
						t.Fatal("actor_places does not answer this count; the test would compare another path")
					}
					sameCounts(ctx, t, s, tt.f, tt.by, "actor_places")
				})
			}
		}
		// What the triggers kept equals the migration's definitions:
		// actor_incidents' admin1, certainty and roles, actor_targets and
		// actor_places whole.
		for _, q := range []string{
			`SELECT count(*) FROM actor_incidents c JOIN incidents i ON i.id = c.incident_id
				WHERE c.admin1 <> i.admin1 OR c.certainty <> i.certainty OR c.roles <> (SELECT max(CASE WHEN a.role = 'perpetrator' THEN 1 ELSE 0 END)
					+ max(CASE WHEN a.role IN ('target', 'victim') THEN 2 ELSE 0 END)
					FROM incident_actors a WHERE a.incident_id = c.incident_id AND a.actor = c.actor)`,
			`SELECT count(*) FROM (SELECT actor, target, country, type, incidents, killed, wounded FROM actor_targets
				EXCEPT SELECT a.actor, b.actor, a.country, a.type, count(*), sum(a.killed), sum(a.wounded)
				FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
				WHERE a.roles IN (1, 3) AND b.roles IN (2, 3)
				GROUP BY a.actor, b.actor, a.country, a.type) x`,
			`SELECT count(*) FROM (SELECT a.actor, b.actor, a.country, a.type, count(*), sum(a.killed), sum(a.wounded)
				FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
				WHERE a.roles IN (1, 3) AND b.roles IN (2, 3)
				GROUP BY a.actor, b.actor, a.country, a.type
				EXCEPT SELECT actor, target, country, type, incidents, killed, wounded FROM actor_targets) x`,
			`SELECT count(*) FROM (SELECT actor, country, admin1, type, incidents, killed, wounded FROM actor_places
				EXCEPT SELECT actor, country, admin1, type, count(*), sum(killed), sum(wounded)
				FROM actor_incidents GROUP BY actor, country, admin1, type) x`,
			`SELECT count(*) FROM (SELECT actor, country, admin1, type, count(*), sum(killed), sum(wounded)
				FROM actor_incidents GROUP BY actor, country, admin1, type
				EXCEPT SELECT actor, country, admin1, type, incidents, killed, wounded FROM actor_places) x`,
		} {
			var n int
			if err := s.db.QueryRowContext(ctx, q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%d rows differ from the definition: %s", n, q)
			}
		}
	})
}

// sameCounts checks that the fast count of f by keys, from what, equals
// the exact count over incidents, and that the random data meets f.
func sameCounts(ctx context.Context, t *testing.T, s *sqlStore, f IncidentFilter, by []string, what string) {
	t.Helper()
	got, err := s.countIncidents(ctx, f, by, true)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.countIncidents(ctx, f, by, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("the exact count is empty; pick a filter the random data meets")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s\n%v\nexact\n%v", what, got, want)
	}
}

// TestWeekGroupShowsWeekKey checks weekGroup against aggregateKey's
// expression of the week (the exact query's) on every day of several
// years around the store's, days with a time of day, and text that is no
// date: the group shown must be the key, and groups must order as keys.
func TestWeekGroupShowsWeekKey(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		ctx := context.Background()
		key, _, err := s.aggregateKey(ByWeek)
		if err != nil {
			t.Fatal(err)
		}
		group, show := s.weekGroup()
		days := []string{}
		for d := time.Date(1999, 12, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2031; d = d.AddDate(0, 0, 1) {
			days = append(days, d.Format(time.DateOnly))
		}
		days = append(days, "2024-02-29T23:59:59Z", "2024-03-03 12:00:00", "1970-01-01", "2000-01-03")
		if s.dialect == sqliteDialect {
			days = append(days, "", "2024-13-01", "not a day") // PostgreSQL refuses them in either
		}
		arr, err := json.Marshal(days)
		if err != nil {
			t.Fatal(err)
		}
		src := `SELECT value AS date_start FROM json_each($1)`
		if s.dialect != sqliteDialect {
			src = `SELECT value AS date_start FROM json_array_elements_text(CAST($1 AS json))`
		}
		rows, err := s.db.QueryContext(ctx, `SELECT i.date_start, `+key+`, `+strings.ReplaceAll(show, "%s", "("+group+")")+
			`, `+group+` FROM (`+src+`) i`, string(arr))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		type pair struct{ key, group string }
		var seen []pair
		for rows.Next() {
			var day string
			var want, got, g sql.NullString
			if err := rows.Scan(&day, &want, &got, &g); err != nil {
				t.Fatal(err)
			}
			if want != got {
				t.Errorf("%q: week %v, shown group %v", day, want, got)
			}
			if want.Valid {
				seen = append(seen, pair{want.String, g.String})
			}
			n++
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if n != len(days) {
			t.Fatalf("%d rows for %d days", n, len(days))
		}
		// One group per week, each week one group.
		byKey, byGroup := map[string]string{}, map[string]string{}
		for _, p := range seen {
			if g, ok := byKey[p.key]; ok && g != p.group {
				t.Errorf("week %s: groups %s and %s", p.key, g, p.group)
			}
			if k, ok := byGroup[p.group]; ok && k != p.key {
				t.Errorf("group %s: weeks %s and %s", p.group, k, p.key)
			}
			byKey[p.key], byGroup[p.group] = p.group, p.key
		}
	})
}

// TestActorDeltasMigrateExistingStore brings a store with incidents up
// from migration 20 (actor_targets and actor_places updated in place by
// the sync) through 0021 (PostgreSQL: appended to deltas the readers add
// and the fold moves in): the rollups keep their rows, later writes
// count through the deltas, and the fold leaves the tables equal to
// their definitions.
func TestActorDeltasMigrateExistingStore(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		driver := "sqlite"
		d := sqliteDialect
		if strings.HasPrefix(dsn, "postgres") {
			driver, d = "pgx", postgresDialect
		}
		db, err := sql.Open(driver, dsn)
		if err != nil {
			t.Fatal(err)
		}
		old := &sqlStore{db: db, dialect: d, now: time.Now}
		ms, err := migrations(d)
		if err != nil {
			t.Fatal(err)
		}
		var upTo20 []migration
		for _, m := range ms {
			if m.version <= 20 {
				upTo20 = append(upTo20, m)
			}
		}
		if _, err := old.applyMigrations(ctx, upTo20); err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(7, 11))
		actors := []string{"Alpha Front", "Beta Militia", "civilians"}
		roles := []string{rolePerpetrator, roleTarget, roleVictim}
		countries := []string{"NG", "ML"}
		now := time.Now().UTC().Format(time.RFC3339Nano)
		incident := func(ex interface {
			ExecContext(context.Context, string, ...any) (sql.Result, error)
			QueryRowContext(context.Context, string, ...any) *sql.Row
		}) int64 {
			t.Helper()
			var id int64
			if err := ex.QueryRowContext(ctx, `INSERT INTO incidents (type, date_start, country, killed_best, wounded_best,
				certainty, created_at, changed_at, admin1) VALUES ('battles', '2024-03-01', $1, $2, $3, 'reported', $4, $4, $5)
				RETURNING id`, countries[r.IntN(2)], r.IntN(9), r.IntN(5), now, []string{"Gao", "Borno"}[r.IntN(2)]).Scan(&id); err != nil {
				t.Fatal(err)
			}
			for k, a := range actors {
				if _, err := ex.ExecContext(ctx, `INSERT INTO incident_actors (incident_id, actor, role, resolved)
					VALUES ($1, $2, $3, false)`, id, a, roles[(k+r.IntN(3))%3]); err != nil {
					t.Fatal(err)
				}
			}
			return id
		}
		var ids []int64
		for range 40 {
			ids = append(ids, incident(db))
		}
		snapshot := func(st *sqlStore) string {
			t.Helper()
			var b strings.Builder
			for _, q := range []string{
				`SELECT actor, target, country, type, incidents, killed, wounded FROM actor_targets ORDER BY 1, 2, 3, 4`,
				`SELECT actor, country, admin1, type, incidents, killed, wounded FROM actor_places ORDER BY 1, 2, 3, 4`,
			} {
				rows, err := st.db.QueryContext(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var k [4]string
					var n [3]int64
					if err := rows.Scan(&k[0], &k[1], &k[2], &k[3], &n[0], &n[1], &n[2]); err != nil {
						t.Fatal(err)
					}
					fmt.Fprintln(&b, k, n)
				}
				rows.Close()
			}
			return b.String()
		}
		before := snapshot(old)
		if before == "" {
			t.Fatal("no rollup rows before the migration")
		}
		db.Close()

		s := open(t, dsn)
		if got := snapshot(s); got != before {
			t.Errorf("the migration changed the rollups:\n%s\nwas\n%s", got, before)
		}
		// Writes after it: incidents deleted, added, their actors moved.
		for _, id := range ids[:10] {
			if _, err := s.db.ExecContext(ctx, `DELETE FROM incidents WHERE id = $1`, id); err != nil {
				t.Fatal(err)
			}
		}
		for range 10 {
			incident(s.db)
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE incidents SET country = 'SO', killed_best = 40 WHERE id = $1`, ids[20]); err != nil {
			t.Fatal(err)
		}
		check := func(stage string) {
			t.Helper()
			for _, a := range actors {
				sameCounts(ctx, t, s, IncidentFilter{Actor: a, ActorRole: ByPerpetrator}, []string{ByCountry, ByTarget}, stage+" actor_targets")
				sameCounts(ctx, t, s, IncidentFilter{Actor: a}, []string{ByCountry, ByAdmin1}, stage+" actor_places")
			}
		}
		check("before the fold")
		if _, err := s.foldRollups(ctx); err != nil {
			t.Fatal(err)
		}
		check("after the fold")
		for _, q := range []string{
			`SELECT count(*) FROM (SELECT actor, target, country, type, incidents, killed, wounded FROM actor_targets
				EXCEPT SELECT a.actor, b.actor, a.country, a.type, count(*), sum(a.killed), sum(a.wounded)
				FROM actor_incidents a JOIN actor_incidents b ON b.incident_id = a.incident_id
				WHERE a.roles IN (1, 3) AND b.roles IN (2, 3)
				GROUP BY a.actor, b.actor, a.country, a.type) x`,
			`SELECT count(*) FROM (SELECT actor, country, admin1, type, incidents, killed, wounded FROM actor_places
				EXCEPT SELECT actor, country, admin1, type, count(*), sum(killed), sum(wounded)
				FROM actor_incidents GROUP BY actor, country, admin1, type) x`,
		} {
			var n int
			if err := s.db.QueryRowContext(ctx, q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%d rows differ from the definition after the fold: %s", n, q)
			}
		}
	})
}
