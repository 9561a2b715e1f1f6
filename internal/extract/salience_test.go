package extract

import (
	"testing"
	"time"

	"sitrep/internal/article"
)

// The first violent event leads when the text's most salient event is not
// violent; the others keep their order, and their reasons follow them.
func TestPromoteViolentEvent(t *testing.T) {
	ev := func(typ, sub string) Event { return Event{Type: typ, Subtype: sub} }
	arrest := ev(StrategicDevelopments, "arrests")
	protest := ev(Protests, "peaceful_protest")
	shooting := ev(ViolenceAgainstCivilians, "attack")
	clash := ev(Battles, "armed_clash")
	tests := []struct {
		name string
		in   []Event
		want []string
	}{
		{"arrest told first", []Event{arrest, protest, shooting, clash}, []string{"attack", "arrests", "peaceful_protest", "armed_clash"}},
		{"violent already first", []Event{clash, arrest, shooting}, []string{"armed_clash", "arrests", "attack"}},
		{"nothing violent", []Event{arrest, protest}, []string{"arrests", "peaceful_protest"}},
		{"one event", []Event{arrest}, []string{"arrests"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := append([]Event(nil), tt.in...)
			why := make([][]Reason, len(evs))
			for i, e := range evs {
				why[i] = []Reason{{Value: e.Subtype}}
			}
			promoteViolentEvent(evs, why)
			for i, e := range evs {
				if e.Subtype != tt.want[i] || why[i][0].Value != tt.want[i] {
					t.Fatalf("order = %v (reasons %v), want %v", subtypes(evs), why, tt.want)
				}
			}
		})
	}
}

func subtypes(evs []Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Subtype)
	}
	return out
}

// A page whose text tells of no violent event is coded from its headline,
// when the headline reports one; an accident, a crime or a council vote in
// the headline gives none, and a text that tells its own shooting is not
// overridden by the headline.
func TestHeadlineEvent(t *testing.T) {
	boiler := "Close Get email notifications on Tomas Rell daily!\n\nYour notification has been saved.\n\n1:12 Bakers in Orvale show off their autumn loaves Pause"
	tests := []struct {
		name, title, text string
		subtype           string // "" for no event
		killed, wounded   int    // -1: untold
		fromTitle         bool
	}{
		{"boilerplate body", "Two dead, three hurt in Velmora Street shooting", boiler, "attack", 2, 3, true},
		{"arrest in the body", "Four wounded in shooting outside Orvale bakery",
			"Police arrested a 19-year-old man on Monday.\n\nHe was booked into the county jail.", "attack", -1, 4, true},
		{"arrest headline", "Teen arrested in Velmora shooting that wounded two", boiler, "attack", -1, 2, true},
		{"arrest headline, no shooting", "Velmora man arrested on gun possession charge", boiler, "", -1, -1, false},
		{"accident headline", "Man accidentally shoots himself while cleaning rifle", boiler, "", -1, -1, false},
		{"council headline", "Orvale council approves new library budget", boiler, "", -1, -1, false},
		{"text tells the shooting", "Shooting in Orvale",
			// Both men shot died: none shot was left wounded, so 0 wounded
			// (the casualty rule "shot less killed"), not untold.
			"A gunman shot and killed two men outside an Orvale bakery on Sunday, police said.", "attack", 2, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := Extract(article.Article{Title: tt.title, Text: tt.text}, Options{Published: time.Date(2015, 3, 9, 0, 0, 0, 0, time.UTC)}).Events
			if tt.subtype == "" {
				for _, ev := range evs {
					if violent[ev.Type] {
						t.Fatalf("got violent event %s, want none", ev.Subtype)
					}
				}
				return
			}
			if len(evs) == 0 {
				t.Fatalf("no event, want %s", tt.subtype)
			}
			ev := evs[0]
			if ev.Subtype != tt.subtype {
				t.Errorf("subtype %q, want %q", ev.Subtype, tt.subtype)
			}
			count := func(c *Count) int {
				if c == nil {
					return -1
				}
				return c.Min
			}
			if count(ev.Killed) != tt.killed || count(ev.Wounded) != tt.wounded {
				t.Errorf("killed %d wounded %d, want %d %d", count(ev.Killed), count(ev.Wounded), tt.killed, tt.wounded)
			}
			if got := len(ev.Evidence) > 0 && ev.Evidence[0].Text == tt.title; got != tt.fromTitle {
				t.Errorf("evidence from the title %v, want %v", got, tt.fromTitle)
			}
		})
	}
}
