package eval

import (
	"math"
	"testing"
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
