package eval

import (
	"os"
	"testing"
)

func TestScoreWikiEvents(t *testing.T) {
	// "The militants of the front attacked the market in Dalmera"
	text := "The militants of the front attacked the market in Dalmera"
	doc := WikiEventsDoc{ID: "d", Sentences: []WikiSentence{{Text: text}}}
	pos := 0
	for _, w := range []int{3, 9, 2, 3, 5, 8, 3, 6, 2, 7} {
		doc.Sentences[0].Tokens = append(doc.Sentences[0].Tokens, [2]int{pos, pos + w})
		pos += w + 1
	}
	ev := WikiEvent{Type: "Conflict.Attack.Unspecified", TrigStart: 5, TrigEnd: 6, Arguments: []WikiArg{
		{Role: "Attacker", Start: 0, End: 5}, // the militants of the front: head "militants"
		{Role: "Target", Start: 6, End: 8},   // the market
		{Role: "Place", Start: 9, End: 10},
	}}
	doc.Events = []WikiEvent{ev}
	tests := []struct {
		name         string
		pred         []WikiPrediction
		ident, class int
	}{
		{"none", nil, 0, 0},
		{"head of a shorter span matches", []WikiPrediction{{"Attacker", 1, 2}}, 1, 1},
		{"right span, wrong role", []WikiPrediction{{"Target", 9, 10}}, 1, 0},
		{"one gold argument is matched once", []WikiPrediction{{"Target", 7, 8}, {"Target", 6, 8}}, 1, 1},
		{"a word that is no argument", []WikiPrediction{{"Place", 4, 5}}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := ScoreWikiEvents([]WikiEventsDoc{doc}, func(WikiEventsDoc, WikiEvent) []WikiPrediction { return tt.pred })
			if rep.IdentCorrect != tt.ident || rep.ClassCorrect != tt.class || rep.Gold != 3 || rep.Predicted != len(tt.pred) {
				t.Errorf("got ident %d class %d gold %d predicted %d, want %d %d 3 %d", rep.IdentCorrect, rep.ClassCorrect, rep.Gold, rep.Predicted, tt.ident, tt.class, len(tt.pred))
			}
		})
	}
}

func TestLoadWikiEvents(t *testing.T) {
	dir := "../../../shared/eval/wikievents"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("wikievents evaluation set not found at %s: %v", dir, err)
	}
	docs, err := LoadWikiEvents(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	events, args := 0, 0
	for _, d := range docs {
		events += len(d.Events)
		for _, e := range d.Events {
			args += len(e.Arguments)
		}
	}
	if len(docs) != 20 || events != 345 || args != 428 {
		t.Errorf("%d docs, %d events, %d arguments; README says 20, 345, 428", len(docs), events, args)
	}
	if got := docs[0].Token(2); got != "kills" {
		t.Errorf("token 2 of %s = %q, want %q (the README's first trigger)", docs[0].ID, got, "kills")
	}
}
