package extract

import (
	"testing"
	"time"

	"sitrep/internal/article"
)

// A sentence the codebook's precedence rules classify, with no single
// trigger naming the sub-type, is told at the cues that made the rule
// hold: a comparison that names another year and region first keeps the
// date and place nearest the act. The sentences are made up.
func TestRuledTriggerSpan(t *testing.T) {
	for _, tt := range []struct {
		sentence, span string
	}{
		{"The campaign in the north last year resembled methods the Crimson Front used to seize Mosul and other cities in 2014.", "Front used to seize Mosul and other cities"},
		{"Officials said the rebels went on to capture Aleppo and nearby towns after a long siege.", "rebels went on to capture Aleppo and nearby towns"},
	} {
		t.Run(tt.sentence, func(t *testing.T) {
			tr, ok := sentenceTrigger(tt.sentence)
			if !ok {
				t.Fatalf("no event (%v)", Rank(tt.sentence))
			}
			if tr.Subtype != "non_state_actor_overtakes_territory" {
				t.Errorf("subtype = %s, want non_state_actor_overtakes_territory", tr.Subtype)
			}
			if got := tt.sentence[tr.Start:tr.End]; got != tt.span || tr.Text != got {
				t.Errorf("trigger span %q (text %q), want %q", got, tr.Text, tt.span)
			}
		})
	}
}

// The act's date and place, not the sentence's first ones: the year
// after the seized town, and the town the act names without a
// preposition before it.
func TestRuledTriggerDateAndPlace(t *testing.T) {
	a := article.Article{
		Title:     "A decade of war, revisited",
		Published: time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC),
		Text: "Analysts met in Geneva on Tuesday to discuss the region.\n\n" +
			"In some ways, the campaign in Ukraine in 2019 resembled methods the Crimson Front used to seize Mosul and other cities in 2014.",
	}
	res := Extract(a, Options{})
	var found bool
	for _, ev := range res.Events {
		if ev.Subtype != "non_state_actor_overtakes_territory" {
			continue
		}
		found = true
		if ev.Date == nil || ev.Date.Start != "2014-01-01" || ev.Date.End != "2014-12-31" {
			t.Errorf("date = %+v, want 2014 (the year told after the act, not the compared campaign's 2019)", ev.Date)
		}
		if ev.Location == nil || ev.Location.Country != "IQ" {
			t.Errorf("location = %+v, want Mosul, IQ (the town the act names)", ev.Location)
		}
	}
	if !found {
		t.Fatalf("no territory event: %+v", res.Events)
	}
}

// A place the act names after "of" ("seized the city of X") is the
// act's too, though a more precise place is named earlier.
func TestRuledTriggerPlaceAfterOf(t *testing.T) {
	a := article.Article{
		Title:     "Old tactics, new war",
		Published: time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC),
		Text: "Analysts met in Geneva on Tuesday to discuss the region.\n\n" +
			"The campaign in Kharkiv in 2019 resembled methods the Crimson Front used to seize the city of Mosul in 2014.",
	}
	for _, ev := range Extract(a, Options{}).Events {
		if ev.Subtype == "non_state_actor_overtakes_territory" {
			if ev.Location == nil || ev.Location.Country != "IQ" {
				t.Errorf("location = %+v, want Mosul, IQ", ev.Location)
			}
			return
		}
	}
	t.Fatal("no territory event")
}
