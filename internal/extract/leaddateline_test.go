package extract

import (
	"testing"
	"time"

	"sitrep/internal/article"
)

// TestLeadAfterDateline checks that the sentence a dateline opens is read
// as text: whatever the dateline's shape, the toll of the lead is counted.
// Fictional text.
func TestLeadAfterDateline(t *testing.T) {
	lead := "Police continue to investigate after a shooting outside a bar early Sunday sent five people to the hospital.\n\nOfficers found shell casings in the parking lot.\n"
	for _, dl := range []string{
		"RIVERTON, Ohio (WXYZ) — ",
		"RIVERTON (WXYZ) – ",
		"RIVERTON, Ohio -- ",
		"RIVERTON, Ohio — ",
		"RIVERTON, Ohio (WXYZ)- ",
		"RIVERTON, Ohio, March 8 (Reuters) - ",
	} {
		t.Run(dl, func(t *testing.T) {
			a := article.Article{Title: "Bar shooting", Text: dl + lead, Published: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}
			evs := Extract(a, Options{}).Events
			for _, ev := range evs {
				if ev.Wounded != nil && ev.Wounded.Min == 5 {
					return
				}
			}
			t.Errorf("no event with five wounded among %d events", len(evs))
		})
	}
}
