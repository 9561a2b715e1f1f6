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

func TestMentionsPerson(t *testing.T) {
	ms := Mentions("gunmen shot ramiro esteban villalta near the market in san pedro, and teresa ocampo was wounded.")
	got := map[string]string{}
	for _, m := range ms {
		got[m.Text] = m.Class
	}
	for _, want := range []string{"ramiro esteban", "ramiro esteban villalta", "teresa ocampo"} {
		if got[want] != "person" {
			t.Errorf("%q: class %q, want person (all: %v)", want, got[want], got)
		}
	}
	for text, class := range got {
		if class == "person" && (text == "pedro" || len(text) >= 5 && text[:5] == "pedro") {
			t.Errorf("%q read as a person: \"san pedro\" is a place", text)
		}
	}
}
