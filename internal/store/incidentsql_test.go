package store

import (
	"context"
	"reflect"
	"slices"
	"testing"
)

// TestWordSearchPaths checks that a word search lists the same incidents,
// in the same order, whether it tests each incident it walks (a common
// word) or collects every match first (a rare one).
func TestWordSearchPaths(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		putReports(t, s, corpus(30)...)
		var fs []IncidentFilter
		for _, q := range []string{"Q7x", "gunmen herders", "gunmen", "nosuchword"} {
			for _, sort := range sorts {
				fs = append(fs, IncidentFilter{Q: q, Sort: sort, Limit: 4})
			}
		}
		walkSamePages(t, s, &commonMatches, fs)
		// Walking, with every match listed once or the index asked per
		// incident.
		saved := commonMatches
		t.Cleanup(func() { commonMatches = saved })
		commonMatches = 1
		walkSamePages(t, s, &everyMatches, fs)
		commonMatches = saved
	})
}

var sorts = []string{"", "-date", "killed", "reports", "id"}

// walkSamePages lists every filter's incidents twice, once with the
// threshold *knob as it is (collecting) and once set to 1 (walking), and
// fails where the two differ; it returns the collected lists.
func walkSamePages(t *testing.T, s Store, knob *int, fs []IncidentFilter) [][]int64 {
	t.Helper()
	saved := *knob
	t.Cleanup(func() { *knob = saved })
	var out [][]int64
	for _, f := range fs {
		*knob = saved
		collected := ids(allIncidents(t, s, f))
		*knob = 1
		walked := ids(allIncidents(t, s, f))
		if !slices.Equal(walked, collected) {
			t.Errorf("%+v: walking gave %v, collecting %v", f, walked, collected)
		}
		out = append(out, collected)
	}
	*knob = saved
	return out
}

func ids(ins []Incident) []int64 {
	out := make([]int64, len(ins))
	for i, in := range ins {
		out[i] = in.ID
	}
	return out
}

// TestActorFilterPaths checks that an actor filter lists the same
// incidents, in the same order, whether the list tests each incident it
// walks (a frequent actor) or collects the actor's incidents first.
func TestActorFilterPaths(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		putReports(t, s, corpus(30)...)
		actors, err := s.Actors(t.Context(), IncidentFilter{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(actors) == 0 {
			t.Fatal("the corpus has no actors to filter by")
		}
		names := []string{"nobody at all"}
		for _, a := range actors {
			names = append(names, a.Name)
		}
		var fs []IncidentFilter
		for _, actor := range names {
			for _, sort := range sorts {
				fs = append(fs, IncidentFilter{Actor: actor, Sort: sort, Limit: 3})
			}
		}
		for i, got := range walkSamePages(t, s, &commonActorIncidents, fs) {
			if fs[i].Actor != "nobody at all" && len(got) == 0 {
				t.Errorf("actor=%q: no incidents", fs[i].Actor)
			}
		}
	})
}

// TestIncidentSourcesOnce checks that an article reporting an incident
// twice (two of its events merged into one incident) is one source of it,
// in the list and in the detail, and that every incident's sources are
// those of a DISTINCT over its reports' articles, in the same order.
func TestIncidentSourcesOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		a := sampleArticle()
		evs := twoTownEvents()
		put(t, s, a, evs, Inserted)
		b := sampleArticle()
		b.ExternalID, b.URL, b.Source, b.Title = "feed:2", "https://example.org/other", "https://example.org/other", "Another telling"
		b.Text += " Another outlet told it."
		put(t, s, b, sampleEvents()[:1], Inserted)
		// The article's two incidents merged into the first, as a merge
		// of two reports of one attack leaves them.
		var keep int64
		if err := s.db.QueryRowContext(ctx, `SELECT min(incident_id) FROM incident_reports`).Scan(&keep); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE incident_reports SET incident_id = $1`, keep); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		rows, err := s.db.QueryContext(ctx, `SELECT id FROM incidents ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		got, err := s.incidentSources(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64][]Source{}
		rows, err = s.db.QueryContext(ctx, `SELECT DISTINCT ir.incident_id, a.id, a.external_id, a.url, a.title,
			a.source, a.published FROM incident_reports ir JOIN articles a ON a.id = ir.article_id
			ORDER BY ir.incident_id, a.published, a.id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var inc int64
			src, err := scanSource(rows, &inc)
			if err != nil {
				t.Fatal(err)
			}
			want[inc] = append(want[inc], src)
		}
		rows.Close()
		if len(want[keep]) != 2 {
			t.Fatalf("the merged incident has %d distinct sources, want 2", len(want[keep]))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("incidentSources\n%+v\nwant (DISTINCT)\n%+v", got, want)
		}
		in, err := s.Incident(ctx, keep)
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Sources) != 2 || len(in.Reports) != 3 {
			t.Errorf("Incident: %d sources, %d reports; want 2 and 3", len(in.Sources), len(in.Reports))
		}
	})
}
