package eval

import (
	"os"
	"testing"
)

func TestNormMention(t *testing.T) {
	tests := []struct{ in, want string }{
		{`The "Santo Tomas" Presidential Farm`, "santo tomas presidential farm"},
		{"an  AK-47", "ak47"},
		{"a", ""},
	}
	for _, tt := range tests {
		if got := NormMention(tt.in); got != tt.want {
			t.Errorf("NormMention(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScoreMUC4(t *testing.T) {
	gold := []MUC4Template{
		{Type: "attack", Roles: map[string][][]string{"PerpInd": {{"guerrillas", "guerrilla column"}}, "Target": {{"presidential farm"}}}},
		{Type: "bombing / attack", Roles: map[string][][]string{"Weapon": {{"car bomb"}, {"dynamite"}}}},
	}
	tests := []struct {
		name       string
		pred       []MUC4Template
		pc, pt, rc int // micro counts; gold total is always 2 types + 4 fillers
	}{
		{"nothing predicted", nil, 0, 0, 0},
		{"both right, order swapped", []MUC4Template{
			{Type: "bombing", Roles: map[string][][]string{"Weapon": {{"the car bomb"}}}},
			{Type: "attack", Roles: map[string][][]string{"PerpInd": {{"Guerrillas"}}, "Target": {{"farm"}}}},
		}, 4, 5, 4},
		{"wrong type never pairs", []MUC4Template{
			{Type: "kidnapping", Roles: map[string][][]string{"PerpInd": {{"guerrillas"}}}},
		}, 0, 2, 0},
		{"an entity with a mention outside the gold entity is wrong", []MUC4Template{
			{Type: "attack", Roles: map[string][][]string{"PerpInd": {{"guerrillas", "soldiers"}}}},
		}, 1, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := ScoreMUC4([]MUC4Doc{{ID: "d", Templates: gold}}, [][]MUC4Template{tt.pred})
			c := rep.Counts["micro_avg"]
			if c.PCorrect != tt.pc || c.PTotal != tt.pt || c.RCorrect != tt.rc || c.RTotal != 6 {
				t.Errorf("micro counts = %+v, want p %d/%d r %d/6", c, tt.pc, tt.pt, tt.rc)
			}
		})
	}
}

func TestLoadMUC4(t *testing.T) {
	dir := "../../../shared/eval/muc4"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("muc4 evaluation set not found at %s: %v", dir, err)
	}
	docs, err := LoadMUC4(dir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	templates := 0
	for _, d := range docs {
		templates += len(d.Templates)
	}
	if len(docs) != 200 || templates != 191 || docs[0].DatelineDate != "1990-02-04" {
		t.Errorf("dev: %d docs, %d templates, first dateline %q; README says 200, 191, 1990-02-04", len(docs), templates, docs[0].DatelineDate)
	}
	if _, err := LoadMUC4(dir, "test"); err == nil {
		t.Error("split test: no error, want one naming the split")
	}
}
