package eval

import (
	"reflect"
	"testing"
)

// TestMergeMUC4: candidates of one incident fold into one template with
// the union of their fills; a different type, date or place, or no fill
// in common, keeps them apart.
func TestMergeMUC4(t *testing.T) {
	cand := func(typ, date, place string, roles map[string][][]string) MUC4Candidate {
		return MUC4Candidate{Template: MUC4Template{Type: typ, Roles: roles}, Date: date, Place: place}
	}
	bank := [][]string{{"the Corvan bank"}}
	tests := []struct {
		name string
		in   []MUC4Candidate
		want []MUC4Template
	}{
		{"shared target, one date unknown", []MUC4Candidate{
			cand("bombing", "1990-03-02", "vesca", map[string][][]string{"Target": bank}),
			cand("bombing", "", "", map[string][][]string{"Target": {{"Corvan bank"}}, "Weapon": {{"dynamite"}}}),
		}, []MUC4Template{{Type: "bombing", Roles: map[string][][]string{"Target": bank, "Weapon": {{"dynamite"}}}}}},
		{"shared victim", []MUC4Candidate{
			cand("attack", "", "", map[string][][]string{"Victim": {{"Ada Morel"}}}),
			cand("attack", "", "", map[string][][]string{"Victim": {{"ada morel"}}, "PerpInd": {{"gunmen"}}}),
		}, []MUC4Template{{Type: "attack", Roles: map[string][][]string{"Victim": {{"Ada Morel"}}, "PerpInd": {{"gunmen"}}}}}},
		{"other type", []MUC4Candidate{
			cand("bombing", "", "", map[string][][]string{"Target": bank}),
			cand("arson", "", "", map[string][][]string{"Target": bank}),
		}, []MUC4Template{{Type: "bombing", Roles: map[string][][]string{"Target": bank}}, {Type: "arson", Roles: map[string][][]string{"Target": bank}}}},
		{"other date", []MUC4Candidate{
			cand("bombing", "1990-03-02", "", map[string][][]string{"Target": bank}),
			cand("bombing", "1990-03-09", "", map[string][][]string{"Target": bank}),
		}, []MUC4Template{{Type: "bombing", Roles: map[string][][]string{"Target": bank}}, {Type: "bombing", Roles: map[string][][]string{"Target": bank}}}},
		{"other place", []MUC4Candidate{
			cand("bombing", "", "vesca", map[string][][]string{"Target": bank}),
			cand("bombing", "", "orto", map[string][][]string{"Target": bank}),
		}, []MUC4Template{{Type: "bombing", Roles: map[string][][]string{"Target": bank}}, {Type: "bombing", Roles: map[string][][]string{"Target": bank}}}},
		{"only a weapon in common", []MUC4Candidate{
			cand("bombing", "", "", map[string][][]string{"Weapon": {{"dynamite"}}}),
			cand("bombing", "", "", map[string][][]string{"Weapon": {{"dynamite"}}}),
		}, []MUC4Template{{Type: "bombing", Roles: map[string][][]string{"Weapon": {{"dynamite"}}}}, {Type: "bombing", Roles: map[string][][]string{"Weapon": {{"dynamite"}}}}}},
		{"bare beside a filled one of its type", []MUC4Candidate{
			cand("bombing", "1990-03-02", "", map[string][][]string{"Target": bank}),
			cand("bombing", "1990-03-09", "", map[string][][]string{}),
			cand("arson", "", "", map[string][][]string{}),
		}, []MUC4Template{{Type: "bombing", Roles: map[string][][]string{"Target": bank}}, {Type: "arson", Roles: map[string][][]string{}}}},
		{"bare ones alone", []MUC4Candidate{
			cand("attack", "1990-03-02", "", map[string][][]string{}),
			cand("attack", "1990-03-09", "", map[string][][]string{}),
		}, []MUC4Template{{Type: "attack", Roles: map[string][][]string{}}, {Type: "attack", Roles: map[string][][]string{}}}},
	}
	for _, tt := range tests {
		if got := MergeMUC4(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: MergeMUC4 = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestMergeMUC4KeepsCandidates: merging does not write into the
// candidates' own templates.
func TestMergeMUC4KeepsCandidates(t *testing.T) {
	a := MUC4Candidate{Template: MUC4Template{Type: "attack", Roles: map[string][][]string{"Victim": {{"Ada Morel"}}}}}
	b := MUC4Candidate{Template: MUC4Template{Type: "attack", Roles: map[string][][]string{"Victim": {{"Ada Morel"}}, "Weapon": {{"rifles"}}}}}
	MergeMUC4([]MUC4Candidate{a, b})
	if len(a.Template.Roles["Weapon"]) != 0 {
		t.Errorf("candidate changed: %v", a.Template.Roles)
	}
}
