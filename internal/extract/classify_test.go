package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The sentences below are written for these tests: fictional places and
// groups in the style of wire copy.
func TestClassify(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		// Explosions / remote violence, with ACLED's precedence.
		{"A suicide bomber blew himself up outside a police academy in Darvel on Monday, killing 14 cadets.", "suicide_bomb"},
		{"Two suicide car bombs exploded near the governor's compound, officials said.", "suicide_bomb"},
		{"Warplanes bombed a market in rebel-held Qasrin, killing nine civilians, a monitor said.", "air_drone_strike"},
		{"A drone strike hit a vehicle carrying three militants near Tal Buran.", "air_drone_strike"},
		{"Government forces shelled the eastern districts of Marrow overnight with artillery and mortars.", "shelling_artillery_missile_attack"},
		{"Three rockets fired from across the border landed in an orchard near Kefar Lami.", "shelling_artillery_missile_attack"},
		{"A roadside bomb struck a minibus on the Kandar highway, wounding six passengers.", "remote_explosive_landmine_ied"},
		{"Two herders were killed when their cart hit a landmine near the old front line.", "remote_explosive_landmine_ied"},
		{"Unknown attackers hurled a grenade into a crowded bar in Port Selim, injuring 11.", "grenade"},
		{"Rescuers said dozens of residents were treated for breathing problems after a chlorine attack on the town.", "chemical_weapon"},
		// Battles.
		{"Heavy clashes broke out between the army and rebels of the Northern Front near Abel Hills.", "armed_clash"},
		{"Insurgents attacked an army checkpoint outside Gorna, sparking a gun battle that lasted hours.", "armed_clash"},
		{"Government troops recaptured the town of Sel Amar from the rebels after a week of fighting.", "government_regains_territory"},
		{"Militants seized the town of Waro and raised their flag over the district office.", "non_state_actor_overtakes_territory"},
		// "forces" after a non-state group's name is that group's, not
		// the government's.
		{"The winter battles shamed the ministry because Islamic State forces recaptured the city from its garrison.", "non_state_actor_overtakes_territory"},
		// Violence against civilians.
		{"Gunmen shot dead five villagers in Tumba late on Saturday, police said.", "attack"},
		{"Armed men kidnapped 23 students from a boarding school in Kaltungo province.", "abduction_forced_disappearance"},
		{"The report documents the rape of at least 40 women by soldiers during the operation.", "sexual_violence"},
		// Protests and riots.
		{"Thousands of teachers marched peacefully to parliament to demand higher wages.", "peaceful_protest"},
		{"Riot police fired tear gas and water cannon to disperse protesters outside the ministry.", "protest_with_intervention"},
		{"Security forces opened fire on protesters in the capital, killing at least seven.", "excessive_force_against_protesters"},
		{"Protesters torched a police station and pelted officers with stones in Harrow Bay.", "violent_demonstration"},
		{"An angry mob lynched two men accused of stealing a motorbike in Ekiti village.", "mob_violence"},
		// Acts anyone may commit are a riot only beside a protest.
		{"Guerrillas attacked a coffee farm near Selvar and fled into the hills.", "attack"},
		{"Demonstrators attacked the town hall and burned two cars after the vote.", "violent_demonstration"},
		{"Dock workers went on strike on Tuesday, halting traffic at the port.", "peaceful_protest"},
		// Strategic developments.
		{"The two sides signed a ceasefire agreement in Velora on Friday after months of talks.", "agreement"},
		{"Police arrested 12 suspected members of the Red Hand cell in dawn raids.", "arrests"},
		{"Soldiers discovered a weapons cache containing rifles and ammunition in a cave near Dar.", "disrupted_weapons_use"},
		{"Army engineers defused an improvised explosive device planted under a bridge.", "disrupted_weapons_use"},
		{"Foreign troops have set up a new military base near the border town of Ash Kal.", "headquarters_or_base_established"},
		{"Fighters looted shops and burned down dozens of houses in the market quarter.", "looting_property_destruction"},
		{"The rebels withdrew from the city without a fight and handed it over to the local council.", "non_violent_transfer_of_territory"},
		{"Two militant factions announced they had merged to form a new group called the Eastern Shield.", "change_to_group_activity"},
		// Not political violence.
		{"A magnitude 6.2 earthquake struck the coastal province, collapsing hundreds of homes.", "natural_disaster"},
		{"Floods triggered by torrential rain swept away a bridge and killed four people.", "natural_disaster"},
		{"Eleven passengers died when a bus plunged into a ravine after the driver lost control.", "man_made_disaster"},
		{"A gas cylinder exploded at a factory in the industrial zone, injuring nine workers.", "man_made_disaster"},
		{"Customs officers seized 300 kilograms of cocaine hidden in a shipment of bananas.", "organized_crime"},
		{"The government expelled three diplomats and summoned the ambassador over the spying affair.", "diplomatic"},
		{"The ministry strongly condemned the new sanctions and recalled its ambassador.", "diplomatic"},
		{"Officials blamed the Red Hand group for the attack, but the group denied any involvement.", "attribution"},
	}
	for _, tc := range tests {
		got, score, _ := Classify(tc.text)
		if got != tc.want {
			t.Errorf("Classify(%q) = %q (%.2f), want %q\n  ranked: %v", tc.text, got, score, tc.want, Rank(tc.text))
		}
		if got != "" && (score <= 0 || score >= 1) {
			t.Errorf("Classify(%q) score %v outside (0, 1)", tc.text, score)
		}
	}
}

// Non-violent senses and negation must not make an event.
func TestTriggersNonViolent(t *testing.T) {
	violent := func(text string) []Trigger {
		var out []Trigger
		for _, tr := range Triggers(text) {
			if tr.Type != "" && tr.Type != Protests {
				out = append(out, tr)
			}
		}
		return out
	}
	for _, text := range []string{
		"The club fired the manager after a run of six defeats.",
		"The board fired its chief executive on Monday.",
		"The striker had a shot at the title in the final minute.",
		"The senator died of a heart attack at his home.",
		"The budget will be presented in March, the finance minister said.",
		"Elections are due on 12 March.",
		"No one was killed in the incident, police said.",
		"The group denied attacking the convoy.",
		"Nobody was injured.",
	} {
		if got := violent(text); len(got) > 0 {
			t.Errorf("Triggers(%q) found violence: %+v", text, got)
		}
	}
	// A labour strike is a protest, not an air strike.
	for _, text := range []string{
		"Nurses began a general strike over unpaid wages.",
		"Railway workers went on strike for the third day.",
	} {
		got, _, _ := Classify(text)
		if got != "peaceful_protest" {
			t.Errorf("Classify(%q) = %q, want peaceful_protest", text, got)
		}
	}
	// The protest march keeps its sense.
	if got, _, _ := Classify("Hundreds joined a march through the city centre against the new law."); got != "peaceful_protest" {
		t.Errorf("march through the city: got %q", got)
	}
}

func TestTriggersOffsetsAndFields(t *testing.T) {
	text := "On Sunday, GUNMEN Shot Dead a farmer; a roadside bomb later wounded two soldiers."
	trs := Triggers(text)
	if len(trs) == 0 {
		t.Fatal("no triggers")
	}
	seen := map[string]bool{}
	for _, tr := range trs {
		if text[tr.Start:tr.End] != tr.Text {
			t.Errorf("offsets %d:%d give %q, Text %q", tr.Start, tr.End, text[tr.Start:tr.End], tr.Text)
		}
		if tr.Score <= 0 {
			t.Errorf("%+v: no score", tr)
		}
		if want := Subtypes[tr.Subtype]; want != "" && tr.Type != want {
			t.Errorf("%+v: type %q, want %q", tr, tr.Type, want)
		}
		seen[tr.Subtype] = true
	}
	for _, want := range []string{"attack", "remote_explosive_landmine_ied"} {
		if !seen[want] {
			t.Errorf("no %s trigger in %+v", want, trs)
		}
	}
	for _, tr := range trs {
		if tr.Subtype == "remote_explosive_landmine_ied" && tr.AttackType != "bombing_explosion" {
			t.Errorf("IED attack type %q", tr.AttackType)
		}
	}
	// Every sub-type in the codebook is one of ACLED's.
	c := book()
	for _, l := range c.labels {
		if l.kind == lSubtype && Subtypes[l.name] == "" {
			t.Errorf("codebook sub-type %q is not in Subtypes", l.name)
		}
	}
}

func TestLoadCodebookExtra(t *testing.T) {
	t.Cleanup(func() { LoadCodebook() })
	text := "Villagers said the Zorbi brigade carried out a jarfa on the market."
	if got, _, _ := Classify(text); got == "sexual_violence" {
		t.Fatalf("before loading: %q", got)
	}
	extra := `
subtypes:
  sexual_violence:
    strong: ["jarfa~"]
`
	if err := LoadCodebook(strings.NewReader(extra)); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := Classify(text); got != "sexual_violence" {
		t.Errorf("after loading: %q", got)
	}
	if err := LoadCodebook(strings.NewReader("subtypez: {}")); err == nil {
		t.Error("a misspelt section was accepted")
	}
	if err := LoadCodebook(strings.NewReader("rules:\n  - when: [no_such_cue]\n")); err == nil {
		t.Error("a rule naming an unknown cue was accepted")
	}
	// A failed load leaves the last good codebook in place.
	if got, _, _ := Classify(text); got != "sexual_violence" {
		t.Errorf("after a failed load: %q", got)
	}
}

func TestInflect(t *testing.T) {
	has := func(w, form string) bool {
		for _, f := range inflect(w) {
			if f == form {
				return true
			}
		}
		return false
	}
	for _, c := range [][2]string{{"kidnap", "kidnapped"}, {"kidnap", "kidnapping"}, {"fire", "firing"}, {"fire", "fired"},
		{"rally", "rallies"}, {"rally", "rallied"}, {"clash", "clashes"}, {"seiz", "seize"}, {"seiz", "seizure"}, {"protest", "protesters"},
		{"demonstrat", "demonstrators"}, {"abduct", "abduction"}, {"loot", "looters"}} {
		if !has(c[0], c[1]) {
			t.Errorf("inflect(%q) lacks %q", c[0], c[1])
		}
	}
}

// FuzzTriggers checks that any input gives triggers inside the text, in
// order, with their Text the slice they name, and that Classify and
// Certainty do not panic.
func FuzzTriggers(f *testing.F) {
	for _, s := range []string{
		"", "a", "suicide bomber", "No one was killed.", "fired the coach", "Protesters — tear gas!",
		"Rebels recaptured the town; the army withdrew without a fight.", "\xff\xfe bomb \x00 attack",
		"IS claimed responsibility for the attack, police said.", strings.Repeat("bomb ", 200),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := -1
		for _, tr := range Triggers(text) {
			if tr.Start < 0 || tr.End > len(text) || tr.Start >= tr.End {
				t.Fatalf("bad span %d:%d in %q", tr.Start, tr.End, text)
			}
			if text[tr.Start:tr.End] != tr.Text {
				t.Fatalf("Text %q is not text[%d:%d]", tr.Text, tr.Start, tr.End)
			}
			if tr.Start < prev {
				t.Fatalf("triggers out of order")
			}
			prev = tr.Start
			if utf8.ValidString(text) && !utf8.ValidString(tr.Text) {
				t.Fatalf("trigger splits a rune")
			}
		}
		label, score, _ := Classify(text)
		if label == "" && score != 0 || score < 0 || score >= 1 {
			t.Fatalf("Classify(%q) = %q, %v", text, label, score)
		}
		Certainty(text)
	})
}

var benchSentences = []string{
	"Security forces opened fire on protesters in the capital on Tuesday, killing at least seven people and wounding dozens, witnesses said.",
	"A suicide bomber blew himself up outside a police academy in Darvel on Monday, killing 14 cadets, and the Islamic State group claimed responsibility.",
	"The two sides signed a ceasefire agreement in Velora on Friday after months of talks mediated by the regional bloc.",
	"A magnitude 6.2 earthquake struck the coastal province before dawn, collapsing hundreds of homes and cutting power to the city.",
}

func BenchmarkTriggers(b *testing.B) {
	book()
	n := 0
	for b.Loop() {
		Triggers(benchSentences[n%len(benchSentences)])
		n++
	}
}

func BenchmarkClassify(b *testing.B) {
	book()
	n := 0
	for b.Loop() {
		Classify(benchSentences[n%len(benchSentences)])
		n++
	}
}

func BenchmarkCertainty(b *testing.B) {
	book()
	n := 0
	for b.Loop() {
		Certainty(benchSentences[n%len(benchSentences)])
		n++
	}
}

// TestTriggersLongInput guards against matching that grows faster than
// the text: a whole article of trigger-dense prose must stay quick.
func TestTriggersLongInput(t *testing.T) {
	reps := 500
	if testing.Short() {
		reps = 50
	}
	long := strings.Repeat(benchSentences[0]+" No one was killed. "+benchSentences[1]+" ", reps)
	trs := Triggers(long)
	if len(trs) < reps {
		t.Errorf("only %d triggers in %d bytes", len(trs), len(long))
	}
	Classify(long)
	Certainty(long)
}

// BenchmarkLoadCodebook parses and compiles the embedded codebook, the
// once-per-process cost every command pays before its first sentence.
func BenchmarkLoadCodebook(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := LoadCodebook(); err != nil {
			b.Fatal(err)
		}
	}
}
