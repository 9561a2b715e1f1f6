package extract

import (
	"strings"
	"testing"
)

func TestParseDateWeights(t *testing.T) {
	tests := []struct {
		name, text string
		wantErr    string
		want       map[string]float64
	}{
		{"two weights", "# c\n[weights]\nmain_date 1.5\nstamp -0.25\n", "", map[string]float64{"main_date": 1.5, "stamp": -0.25}},
		{"empty file", "", "", map[string]float64{}},
		{"outside the section", "main_date 1\n", "outside [weights]", nil},
		{"unknown feature", "[weights]\nmoon_phase 1\n", "unknown feature", nil},
		{"no weight", "[weights]\nmain_date\n", "want a feature and a weight", nil},
		{"not a number", "[weights]\nmain_date high\n", "bad weight", nil},
		{"not finite", "[weights]\nmain_date NaN\n", "bad weight", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ParseDateWeights(tt.text)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, name := range DateFeatureNames() {
				if w[i] != tt.want[name] {
					t.Errorf("%s = %v, want %v", name, w[i], tt.want[name])
				}
			}
		})
	}
}

// TestDateWeightsRoundTrip checks that the trainer's output reads back and
// that the committed weights name every feature.
func TestDateWeightsRoundTrip(t *testing.T) {
	w := make([]float64, len(DateFeatureNames()))
	for i := range w {
		w[i] = float64(i) / 8
	}
	got, err := ParseDateWeights(FormatDateWeights(w, "a header\nof two lines"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range w {
		if got[i] != w[i] {
			t.Errorf("%s: %v, want %v", DateFeatureNames()[i], got[i], w[i])
		}
	}
	for _, name := range DateFeatureNames() {
		if !strings.Contains(dateWeightsText, "\n"+name+" ") {
			t.Errorf("rules/date_weights.txt has no weight for %s: rerun tools/datetrain --write", name)
		}
	}
}
