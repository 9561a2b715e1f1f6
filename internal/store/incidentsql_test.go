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
