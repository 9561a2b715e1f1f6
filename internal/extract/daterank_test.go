package extract

import (
	"strings"
	"testing"
	"time"

	"sitrep/internal/article"
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

// TestMainEventDate checks the day the ranker gives the main event in
// fictional stories: the violent event's day, not the day of the arrest,
// the hearing or the page's own stamp.
func TestMainEventDate(t *testing.T) {
	pub := time.Date(2016, 7, 21, 12, 0, 0, 0, time.UTC) // a Thursday
	tests := []struct {
		name, text, want string
	}{
		{"arrest told first", "Posted: Thursday, July 21, 2016\n\nPolice arrested a Dalmera man on Wednesday in connection with a shooting.\n\nA 24-year-old man was shot and killed outside a bar on Elm Street late Saturday night, police said.", "2016-07-16"},
		{"hearing and shooting", "A man accused of shooting two people appeared in court Wednesday.\n\nThe two were wounded about 10 p.m. on July 4 outside a store in Dalmera, police said.\n\nHis next hearing is set for Aug. 3.", "2016-07-04"},
		{"the lead's day", "Two men were shot early Sunday outside a club in Dalmera, police said Monday.\n\nBoth were taken to a hospital.", "2016-07-17"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := Extract(article.Article{Published: pub, Text: tt.text}, Options{}).Events
			if len(evs) == 0 {
				t.Fatal("no event")
			}
			got := ""
			if d := evs[0].Date; d != nil && d.Precision == "day" {
				got = d.Start
			}
			if got != tt.want || !violent[evs[0].Type] {
				t.Errorf("main event %s on %q, want a violent event on %q (date %+v)", evs[0].Subtype, got, tt.want, evs[0].Date)
			}
		})
	}
}
