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
		saved := commonMatches
		t.Cleanup(func() { commonMatches = saved })
		for _, q := range []string{"Q7x", "gunmen herders", "gunmen", "nosuchword"} {
			for _, sort := range []string{"", "-date", "killed", "reports", "id"} {
				f := IncidentFilter{Q: q, Sort: sort, Limit: 4}
				commonMatches = saved
				collected := ids(allIncidents(t, s, f))
				commonMatches = 1
				walked := ids(allIncidents(t, s, f))
				if !slices.Equal(walked, collected) {
					t.Errorf("q=%q sort=%q: walking gave %v, collecting %v", q, sort, walked, collected)
				}
			}
		}
	})
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
		saved := commonActorIncidents
		t.Cleanup(func() { commonActorIncidents = saved })
		names := []string{"nobody at all"}
		for _, a := range actors {
			names = append(names, a.Name)
		}
		for _, actor := range names {
			for _, sort := range []string{"", "-date", "killed", "reports", "id"} {
				f := IncidentFilter{Actor: actor, Sort: sort, Limit: 3}
				commonActorIncidents = saved
				collected := ids(allIncidents(t, s, f))
				commonActorIncidents = 1
				walked := ids(allIncidents(t, s, f))
				if !slices.Equal(walked, collected) {
					t.Errorf("actor=%q sort=%q: walking gave %v, collecting %v", actor, sort, walked, collected)
				}
				if actor != "nobody at all" && len(collected) == 0 {
					t.Errorf("actor=%q: no incidents", actor)
				}
			}
		}
	})
}
