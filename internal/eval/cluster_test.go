package eval

import (
	"math"
	"testing"
	"time"

	"sitrep/internal/cluster"
)

func TestScoreBCubed(t *testing.T) {
	gold := ClusterGold{"a1": {"A"}, "a2": {"A"}, "b1": {"B"}, "c1": {"C"}, "c2": {"C", "B"}}
	for _, tc := range []struct {
		name         string
		pred         map[string]string
		p, r         float64
		nPred, nGold int
	}{
		{"perfect, multi-incident article with either", map[string]string{"a1": "1", "a2": "1", "b1": "2", "c1": "3", "c2": "3"}, 1, 1, 3, 3},
		{"multi-incident article placed with its other incident", map[string]string{"a1": "1", "a2": "1", "b1": "2", "c2": "2"}, 1, 1, 3, 3},
		{"all singletons (no predictions)", map[string]string{}, 1, 0.6, 5, 3},
		// One cluster of all five: c2 counts as C (tie of votes: first listed).
		// precision per article: A 2/5 ×2, B 1/5, C 2/5 ×2 = 9/25; recall 1.
		{"one cluster", map[string]string{"a1": "x", "a2": "x", "b1": "x", "c1": "x", "c2": "x"}, 9.0 / 25, 1, 1, 3},
	} {
		s := ScoreBCubed(tc.pred, gold)
		if math.Abs(s.Precision-tc.p) > 1e-9 || math.Abs(s.Recall-tc.r) > 1e-9 || s.PredClusters != tc.nPred || s.GoldClusters != tc.nGold {
			t.Errorf("%s: P %.3f R %.3f clusters %d/%d, want P %.3f R %.3f clusters %d/%d",
				tc.name, s.Precision, s.Recall, s.PredClusters, s.GoldClusters, tc.p, tc.r, tc.nPred, tc.nGold)
		}
		if s.Articles != 5 {
			t.Errorf("%s: %d articles, want 5", tc.name, s.Articles)
		}
	}
}

func TestMissedPairs(t *testing.T) {
	day := func(s string) time.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return d
	}
	n := func(v int) *int { return &v }
	const (
		ferryText = "Gunmen fired on the Velmor ferry landing in Port Dunmore on Tuesday, wounding a deckhand."
		mineText  = "A roadside bomb struck a grain truck near the Osk quarry, the district council said."
	)
	item := func(id, pub, country string, killed *int, title, text string) cluster.Item {
		return cluster.Item{ArticleID: id, Published: day(pub), Start: day(pub), End: day(pub), Country: country,
			Admin1: "Velm", City: "Port Dunmore", Type: "violence_against_civilians", Subtype: "attack", Killed: killed,
			Tokens: cluster.Tokens(title, text)}
	}
	first := item("a", "2031-03-04", "ZZ", n(2), "Ferry landing attack", ferryText)
	for _, tc := range []struct {
		name  string
		b     *cluster.Item // nil: b has no event
		want  string
		split bool // b is in another predicted cluster than a
	}{
		{"same story, put apart anyway", ptr(item("b", "2031-03-04", "ZZ", n(2), "Ferry landing attack", ferryText)), "search", true},
		{"same story, merged", ptr(item("b", "2031-03-04", "ZZ", n(2), "Ferry landing attack", ferryText)), "", false},
		{"half a year later", ptr(item("b", "2031-09-04", "ZZ", n(2), "Ferry landing attack", ferryText)), "date", true},
		{"another country", ptr(item("b", "2031-03-04", "YY", n(2), "Ferry landing attack", ferryText)), "place", true},
		{"a far higher toll the same day", ptr(item("b", "2031-03-04", "ZZ", n(40), "Ferry landing attack", ferryText)), "count", true},
		{"other text", ptr(item("b", "2031-03-04", "ZZ", n(2), "Quarry bomb", mineText)), "text", true},
		{"no event", nil, "no event", true},
	} {
		items := map[string]cluster.Item{"a": first}
		if tc.b != nil {
			items["b"] = *tc.b
		}
		pred := map[string]string{"a": "1"}
		if tc.b != nil {
			pred["b"] = "1"
			if tc.split {
				pred["b"] = "2"
			}
		}
		gold := ClusterGold{"a": {"A"}, "b": {"A"}, "c": {"C"}}
		ms := MissedPairs([]string{"a", "b", "c"}, items, pred, gold, cluster.DocFreqs{N: 100, DF: map[string]int{}})
		if tc.want == "" {
			if len(ms) != 0 {
				t.Errorf("%s: %d missed pairs, want none", tc.name, len(ms))
			}
			continue
		}
		if len(ms) != 1 || ms[0].A != "a" || ms[0].B != "b" || ms[0].Incident != "A" {
			t.Errorf("%s: missed pairs %+v, want a-b of A", tc.name, ms)
			continue
		}
		if got := ms[0].Blocker(); got != tc.want {
			t.Errorf("%s: blocker %q (%+v), want %q", tc.name, got, ms[0].Verdict, tc.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
