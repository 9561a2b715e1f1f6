package store

import (
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
