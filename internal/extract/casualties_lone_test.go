package extract

import (
	"testing"
	"time"

	"sitrep/internal/article"
)

// TestLoneVictims checks that people hit, described afresh one to a
// sentence, add up, and that one person told twice, or told in a summary
// count and then one by one, is counted once.
func TestLoneVictims(t *testing.T) {
	pub := time.Date(2015, 5, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text      string
		killed, wounded int
	}{
		{"two told one by one", "Gunfire broke out near a bakery in Dalmera on Sunday night, police said. A 19-year-old man was shot in the leg. A 22-year-old woman was grazed in the arm.", 0, 2},
		{"a summary, then one by one", "Two people were shot near a bakery in Dalmera on Sunday night, police said. A 19-year-old man was shot in the leg. A 22-year-old woman was grazed in the arm.", 0, 2},
		{"one dead, another hurt", "A man was shot and killed near a bakery in Dalmera on Sunday night, police said. A 22-year-old woman was shot in the arm.", 1, 1},
		{"one man told twice", "A man was shot near a bakery in Dalmera on Sunday night, police said. A 19-year-old man was shot in the leg.", 0, 1},
		{"ages that agree", "A 30-year-old man was shot near a bakery in Dalmera on Sunday night, police said. Police said a man, 30, was shot in the shoulder.", 0, 1},
		{"a second man", "A man was shot near a bakery in Dalmera on Sunday night, police said. A second man was shot in the shoulder.", 0, 2},
		{"a victim may be anyone", "A woman was shot near a bakery in Dalmera on Sunday night, police said. A victim was shot in the shoulder.", 0, 1},
		{"a child and a girl may be one", "A child was shot near a bakery in Dalmera on Sunday night, police said. A 4-year-old girl was shot in the shoulder.", 0, 1},
		{"too far apart to add", "A man was shot near a bakery in Dalmera on Sunday night, police said. Officers searched the street. Neighbours said it was quiet. The council will meet. A woman was shot in the arm.", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := Extract(article.Article{Published: pub, Text: tt.text}, Options{}).Events
			if len(evs) == 0 {
				t.Fatal("no event")
			}
			k, w := 0, 0
			if evs[0].Killed != nil {
				k = evs[0].Killed.Min
			}
			if evs[0].Wounded != nil {
				w = evs[0].Wounded.Min
			}
			if k != tt.killed || w != tt.wounded {
				t.Errorf("killed %d wounded %d, want %d and %d", k, w, tt.killed, tt.wounded)
			}
		})
	}
}
