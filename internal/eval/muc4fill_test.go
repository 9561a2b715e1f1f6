package eval

import (
	"strings"
	"testing"

	"sitrep/internal/extract"
)

// TestMUC4Fills proposes the class-noun phrases of a document for the
// slots their class can fill, attaches each to the candidate told nearest,
// and adds of each phrase only its best variant, when it clears the
// threshold.
func TestMUC4Fills(t *testing.T) {
	text := "Gunmen attacked the Orvel mill on Monday. " +
		"Police said urban commandos of the Marel front used rifles. " +
		"In other news, a bus was found in Tasso."
	at := strings.Index(text, "Gunmen")
	kept := []MUC4Candidate{{
		Template: MUC4Template{Type: "attack", Roles: map[string][][]string{"PerpInd": {{"Gunmen"}}}},
		Evidence: []extract.Evidence{{Start: at, End: at + 40, Text: text[at : at+40]}},
	}}
	fills := MUC4FillCandidates(text, kept)
	prob := make([]float64, len(fills))
	seen := map[string]bool{}
	pipe := -1
	for i, f := range fills {
		if f.Pipe {
			if f.Role+":"+f.Text != "PerpInd:Gunmen" || pipe >= 0 {
				t.Errorf("pipeline fill %s:%s, want only PerpInd:Gunmen", f.Role, f.Text)
			}
			pipe = i
			continue
		}
		seen[f.Role+":"+f.Text] = true
		if f.Cand != 0 {
			t.Errorf("%s %q: candidate %d, want 0", f.Role, f.Text, f.Cand)
		}
		switch f.Role + ":" + f.Text {
		case "PerpInd:urban commandos":
			prob[i] = 0.9
		case "PerpInd:urban commandos of the Marel front":
			prob[i] = 0.6
		case "Weapon:rifles":
			prob[i] = 0.4
		case "Target:bus":
			prob[i] = 0.1
		}
	}
	for _, want := range []string{"PerpInd:urban commandos", "PerpInd:urban commandos of the Marel front", "PerpOrg:Marel front", "Weapon:rifles", "Target:bus"} {
		if !seen[want] {
			t.Errorf("no fill %s (have %v)", want, seen)
		}
	}
	if seen["PerpInd:Gunmen"] {
		t.Errorf("proposed a fill the candidate has")
	}
	if pipe < 0 {
		t.Fatalf("the pipeline's fill is not scored")
	}
	prob[pipe] = 0.2
	got := ApplyMUC4Fills(kept, fills, prob, 0.3, 0.1)[0].Template
	want := "map[PerpInd:[[Gunmen] [urban commandos]] Weapon:[[rifles]]]"
	if s := strings.Join(strings.Fields(fmtRoles(got)), " "); s != want {
		t.Errorf("filled template %s, want %s", s, want)
	}
	// Below the pruning threshold, the pipeline's fill is dropped.
	got = ApplyMUC4Fills(kept, fills, prob, 0.3, 0.25)[0].Template
	want = "map[PerpInd:[[urban commandos]] Weapon:[[rifles]]]"
	if s := strings.Join(strings.Fields(fmtRoles(got)), " "); s != want {
		t.Errorf("pruned template %s, want %s", s, want)
	}
	if len(kept[0].Template.Roles["Weapon"]) != 0 {
		t.Errorf("ApplyMUC4Fills wrote into the kept candidate")
	}
}

func fmtRoles(t MUC4Template) string {
	var b strings.Builder
	b.WriteString("map[")
	for i, r := range MUC4Roles {
		es := t.Roles[r]
		if len(es) == 0 {
			continue
		}
		if i > 0 && b.Len() > 4 {
			b.WriteString(" ")
		}
		b.WriteString(r + ":[")
		for k, e := range es {
			if k > 0 {
				b.WriteString(" ")
			}
			b.WriteString("[" + strings.Join(e, " ") + "]")
		}
		b.WriteString("]")
	}
	b.WriteString("]")
	return b.String()
}
