package extract

import "testing"

func TestMentions(t *testing.T) {
	ms := Mentions("Armed men of the northern command set fire to two delivery trucks and shot the union leader marta quiroga with rifles.")
	got := map[string]string{}
	for _, m := range ms {
		got[m.Text] = m.Class
	}
	for text, class := range map[string]string{
		"men":                               "individuals",
		"Armed men":                         "individuals",
		"delivery trucks":                   "facility",
		"marta quiroga":                     "name",
		"rifles":                            "weapon",
		"Armed men of the northern command": "individuals",
	} {
		if got[text] != class {
			t.Errorf("%q: class %q, want %q (all: %v)", text, got[text], class, got)
		}
	}
	if _, ok := got["two delivery trucks"]; !ok {
		t.Errorf("no variant with the count: %v", got)
	}
}

func TestMentionsAbbreviation(t *testing.T) {
	for _, m := range Mentions("A bomb went off at the U.S. embassy.") {
		if m.Text == "U.S. embassy" {
			return
		}
	}
	t.Errorf("no \"U.S. embassy\" in %v", Mentions("A bomb went off at the U.S. embassy."))
}
