package extract

import "testing"

// A group's name holds trigger words ("Liberation"): the name alone is no
// event, neither for a group the catalog does not know nor for one it does
// (codebook/events.yaml name_keeps), while the verb and "the liberation
// of" still are, and a trigger beside the name still counts.
func TestTriggersInGroupNames(t *testing.T) {
	for _, text := range []string{
		"A spokesman for the Kessaro Liberation Front told reporters on Tuesday that its leaders would visit the coast next month.",
		"Envoys of the Liberation Tigers of Tamil Eelam met church leaders in the capital on Friday.",
		"The Popular Front for the Liberation of Palestine issued a statement on the anniversary of its founding.",
		"A spokesman for the army of national liberation said the group's commanders would meet in the mountains.",
	} {
		for _, tr := range Triggers(text) {
			if tr.Type != "" {
				t.Errorf("Triggers(%q) found an event: %+v", text, tr)
			}
		}
		if got, _, _ := Classify(text); got == "government_regains_territory" || got == "non_state_actor_overtakes_territory" {
			t.Errorf("Classify(%q) = %q: a group's name took territory", text, got)
		}
	}
	for _, c := range []struct{ text, want string }{
		{"Government troops liberated the town of Kessa after a week of fighting.", "government_regains_territory"},
		{"The army announced the liberation of Kessa from the rebels on Sunday.", "government_regains_territory"},
		{"Fighters of the Moro Islamic Liberation Front attacked an army post near Daral, sparking a gun battle.", "armed_clash"},
	} {
		if got, _, _ := Classify(c.text); got != c.want {
			t.Errorf("Classify(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
