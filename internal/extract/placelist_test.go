package extract

import (
	"testing"
	"time"

	"sitrep/internal/article"
)

// TestPlaceList: attacks told together in a list of towns are one event
// per town (ACLED codes one event per place), in text with and without
// case; a town with its state, or names before a division noun, are one
// place.
func TestPlaceList(t *testing.T) {
	pub := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		want []string // the events' places, in any order
	}{
		{"Rebels attacked police stations in Ayacucho, Huanta and Huancayo on Tuesday, the army said.", []string{"Ayacucho", "Huanta", "Huancayo"}},
		{"rebels attacked police stations in ayacucho, huanta and huancayo on tuesday, the army said.", []string{"Ayacucho", "Huanta", "Huancayo"}},
		{"Gunmen attacked a bar in Dayton, Ohio on Tuesday, police said.", []string{"Dayton"}},
		{"rebels attacked a bus on the road between ayacucho and huancayo on tuesday.", []string{"Ayacucho"}},
	}
	for _, tc := range tests {
		a := article.Article{Text: tc.text, Published: pub}
		res := Extract(a, Options{})
		got := map[string]bool{}
		for _, ev := range res.Events {
			if ev.Location != nil {
				got[ev.Location.Name] = true
			}
		}
		if len(res.Events) != len(tc.want) {
			t.Errorf("%q: %d events, want %d (%v)", tc.text, len(res.Events), len(tc.want), got)
		}
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%q: no event in %s (%v)", tc.text, w, got)
			}
		}
		// the dead of the sentence stay with one event
		killed := 0
		for _, ev := range res.Events {
			if ev.Killed != nil {
				killed++
			}
		}
		if killed > 1 {
			t.Errorf("%q: %d events carry the sentence's dead", tc.text, killed)
		}
	}
}

// TestSummaryOfBattles: a sentence that places what it tells in three
// countries or more at once sums up many battles, and a perfect "has
// fought against almost every" sums up a history (codebook senses): no
// event comes of either. One incident in one or two countries still does.
func TestSummaryOfBattles(t *testing.T) {
	pub := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text   string
		events int
	}{
		{"The contractors have also fought the militants in Chad, Niger, and Sudan.", 0},
		{"Both movements fought long battles against the rebels in Kenya, Somalia and Ethiopia.", 0},
		{"The brigade is a veteran force that has fought against almost every army in the region.", 0},
		{"Troops fought the militants in Chad on Tuesday, the army said.", 1},
		{"Rebels attacked police stations in Ayacucho, Huanta and Huancayo on Tuesday, the army said.", 3},
	}
	for _, tc := range tests {
		res := Extract(article.Article{Text: tc.text, Published: pub}, Options{})
		if len(res.Events) != tc.events {
			t.Errorf("%q: %d events, want %d", tc.text, len(res.Events), tc.events)
		}
	}
}

// TestTownBack: "the town" in a sentence naming no place is the town the
// paragraph named last; not a country, and not across paragraphs.
func TestTownBack(t *testing.T) {
	pub := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, want string // want: the place of the event dated 2023
	}{
		{"Army troops shelled rebel positions in Huanta in 2021. In March 2023 the rebels seized the town after heavy fighting.", "Huanta"},
		{"Army troops shelled rebel positions in Peru in 2021. In March 2023 the rebels seized the town after heavy fighting.", ""},
		{"Army troops shelled rebel positions in Huanta in 2021.\n\nIn March 2023 the rebels seized the town after heavy fighting.", ""},
	}
	for _, tc := range tests {
		res := Extract(article.Article{Text: tc.text, Published: pub}, Options{})
		found := false
		for _, ev := range res.Events {
			if ev.Date == nil || ev.Date.Start != "2023-03-01" {
				continue
			}
			found = true
			got := ""
			if ev.Location != nil {
				got = ev.Location.Name
			}
			if got != tc.want {
				t.Errorf("%q: place %q, want %q", tc.text, got, tc.want)
			}
		}
		if !found {
			t.Errorf("%q: no event dated March 2023 (%d events)", tc.text, len(res.Events))
		}
	}
}
