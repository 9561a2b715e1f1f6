package eval

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestCaseSubtaskSizes(t *testing.T) {
	for n, want := range map[int]int{1: 25, 2: 28, 3: 30} {
		if got := len(CaseSubtask(n)); got != want {
			t.Errorf("subtask %d: %d labels, want %d", n, got, want)
		}
	}
	seen := map[string]bool{}
	for ours, theirs := range CaseLabels {
		if seen[theirs] {
			t.Errorf("%s is mapped twice (again from %s)", theirs, ours)
		}
		seen[theirs] = true
	}
}

func caseNear(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreLabels(t *testing.T) {
	gold := []string{"A", "A", "A", "B", "C"}
	pred := []string{"A", "A", "B", "B", ""}
	sc := scoreLabels(gold, pred)
	if sc.N != 5 || !caseNear(sc.Micro, 3.0/5) {
		t.Errorf("N %d micro %v", sc.N, sc.Micro)
	}
	// A: P 1, R 2/3, F1 0.8. B: P 1/2, R 1, F1 2/3. C: 0.
	fA, fB := 0.8, 2.0/3
	if !caseNear(sc.Macro, (fA+fB)/3) {
		t.Errorf("macro %v, want %v", sc.Macro, (fA+fB)/3)
	}
	if !caseNear(sc.Weighted, (3*fA+fB)/5) {
		t.Errorf("weighted %v, want %v", sc.Weighted, (3*fA+fB)/5)
	}
	if len(sc.Confusions) != 2 || sc.Confusions[0].N != 1 {
		t.Errorf("confusions %+v", sc.Confusions)
	}
	if c := sc.PerLabel["B"]; c.FP != 1 || c.TP != 1 || c.Support != 1 {
		t.Errorf("B counts %+v", c)
	}
}

func TestScoreCase2021FiltersBySubtask(t *testing.T) {
	snips := []CaseSnippet{
		{Text: "x", Label: "ARMED_CLASH"},
		{Text: "y", Label: "DIPLO"},
		{Text: "z", Label: "ORG_CRIME"},
	}
	calls := 0
	pred := func(text string, allowed map[string]bool) string {
		calls++
		if !allowed["ARMED_CLASH"] {
			t.Error("subtask set lacks ARMED_CLASH")
		}
		return "ARMED_CLASH"
	}
	for n, want := range map[int]int{1: 1, 2: 2, 3: 3} {
		calls = 0
		sc := ScoreCase2021(snips, n, pred)
		if sc.N != want || calls != want {
			t.Errorf("subtask %d: N %d calls %d, want %d", n, sc.N, calls, want)
		}
	}
}

func TestLoadCase2021(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "case2021")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("case2021 not beside the repo:", err)
	}
	snips, err := LoadCase2021(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(snips) == 0 {
		t.Fatal("no snippets")
	}
	all := CaseSubtask(3)
	for _, s := range snips {
		if !all[s.Label] {
			t.Errorf("snippet %d: label %q not in the task's thirty", s.ID, s.Label)
		}
	}
}
