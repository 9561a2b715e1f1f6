package eval

import (
	"math"
	"strings"
	"testing"

	"sitrep/internal/extract"
)

// TestMUC4Type maps events to MUC-4 incident types: an attack made with a
// charge is a bombing, military operations are no terrorist incident.
func TestMUC4Type(t *testing.T) {
	tests := []struct {
		name string
		ev   extract.Event
		want string
	}{
		{"attack with dynamite", extract.Event{Type: extract.Battles, Subtype: "armed_clash", Weapons: []string{"dynamite"}}, "bombing"},
		{"attack on civilians with a bomb", extract.Event{Type: extract.ViolenceAgainstCivilians, Subtype: "attack", Weapons: []string{"car bomb"}}, "bombing"},
		{"attack with rifles", extract.Event{Type: extract.ViolenceAgainstCivilians, Subtype: "attack", Weapons: []string{"rifles"}}, "attack"},
		{"air strike", extract.Event{Type: extract.ExplosionsRemoteViolence, Subtype: "air_drone_strike", Weapons: []string{"bombs"}}, ""},
		{"air strike on a village", extract.Event{Type: extract.ExplosionsRemoteViolence, Subtype: "air_drone_strike", Evidence: []extract.Evidence{{Text: "Army helicopters strafed the village of Corra, killing two peasants."}}}, "attack"},
		{"shelling that killed civilians", extract.Event{Type: extract.ExplosionsRemoteViolence, Subtype: "shelling_artillery_missile_attack", Victims: []extract.Participant{{Name: "four people", Kind: "civilians"}}}, "attack"},
		{"rebels' mortar fire on a palace", extract.Event{Type: extract.ExplosionsRemoteViolence, Subtype: "shelling_artillery_missile_attack", Perpetrators: []extract.Participant{{Name: "urban guerrillas", Kind: "person"}}, Evidence: []extract.Evidence{{Text: "Urban guerrillas fired mortars at the presidential palace in Vesca."}}}, "attack"},
		{"the army's shelling", extract.Event{Type: extract.ExplosionsRemoteViolence, Subtype: "shelling_artillery_missile_attack", Perpetrators: []extract.Participant{{Name: "the army", Kind: "organization"}}, Evidence: []extract.Evidence{{Text: "The army shelled positions on the Tamar ridge."}}}, ""},
		{"shelling of rebel positions", extract.Event{Type: extract.ExplosionsRemoteViolence, Subtype: "shelling_artillery_missile_attack", Evidence: []extract.Evidence{{Text: "Artillery pounded rebel positions on the Tamar ridge."}}}, ""},
		{"abduction", extract.Event{Type: extract.ViolenceAgainstCivilians, Subtype: "abduction_forced_disappearance"}, "kidnapping"},
		{"shop set on fire", extract.Event{Type: extract.StrategicDevelopments, Subtype: "looting_property_destruction", Evidence: []extract.Evidence{{Text: "Masked men set the grocery of Tolvar on fire."}}}, "arson"},
		{"offices burned", extract.Event{Type: extract.StrategicDevelopments, Subtype: "looting_property_destruction", Evidence: []extract.Evidence{{Text: "The union offices in Vesca were burned down."}}}, "arson"},
		{"bridge blown up", extract.Event{Type: extract.StrategicDevelopments, Subtype: "looting_property_destruction", Evidence: []extract.Evidence{{Text: "Rebels blew up the Marel bridge last night."}}}, "bombing"},
		{"pylon destroyed with dynamite", extract.Event{Type: extract.StrategicDevelopments, Subtype: "looting_property_destruction", Weapons: []string{"dynamite"}}, "bombing"},
		{"rebels seize a town and abduct the mayor", extract.Event{Type: extract.Battles, Subtype: "non_state_actor_overtakes_territory", Evidence: []extract.Evidence{{Text: "Rebels took Pellao and abducted its mayor."}}}, "kidnapping"},
		{"gunmen storm a farm and take hostages", extract.Event{Type: extract.ViolenceAgainstCivilians, Subtype: "attack", Evidence: []extract.Evidence{{Text: "Gunmen stormed the Arvel farm and took four hostages."}}}, "kidnapping"},
		{"gunmen storm a farm", extract.Event{Type: extract.ViolenceAgainstCivilians, Subtype: "attack", Evidence: []extract.Evidence{{Text: "Gunmen stormed the Arvel farm."}, {Text: "A week ago they kidnapped a priest."}}}, "attack"},
		{"raiders burn a farm", extract.Event{Type: extract.ViolenceAgainstCivilians, Subtype: "attack", Evidence: []extract.Evidence{{Text: "Raiders attacked the Arvel farm and burned its barns."}}}, "arson"},
		{"raiders burn a farm with dynamite", extract.Event{Type: extract.ViolenceAgainstCivilians, Subtype: "attack", Weapons: []string{"dynamite"}, Evidence: []extract.Evidence{{Text: "Raiders attacked the Arvel farm and burned its barns."}}}, "bombing"},
		{"charge defused at a bank", extract.Event{Type: extract.StrategicDevelopments, Subtype: "disrupted_weapons_use", Weapons: []string{"dynamite charge"}, Evidence: []extract.Evidence{{Text: "Police defused a dynamite charge left at the Solen savings bank."}}}, "bombing"},
		{"bomb placed but made safe", extract.Event{Type: extract.StrategicDevelopments, Subtype: "disrupted_weapons_use", Weapons: []string{"bomb"}, Evidence: []extract.Evidence{{Text: "A bomb placed under the mayor's car was deactivated by experts."}}}, "bombing"},
		{"explosives found in a cache", extract.Event{Type: extract.StrategicDevelopments, Subtype: "disrupted_weapons_use", Weapons: []string{"explosives", "rifles"}, Evidence: []extract.Evidence{{Text: "Troops found a cache of explosives and rifles in the hills near Orto."}}}, ""},
		{"defused with no charge named", extract.Event{Type: extract.StrategicDevelopments, Subtype: "disrupted_weapons_use", Evidence: []extract.Evidence{{Text: "The device was defused."}}}, ""},
		{"station wrecked", extract.Event{Type: extract.StrategicDevelopments, Subtype: "looting_property_destruction", Evidence: []extract.Evidence{{Text: "Gunmen wrecked the radio station of Orto."}}}, "attack"},
	}
	for _, tt := range tests {
		if got := MUC4Type(tt.ev); got != tt.want {
			t.Errorf("%s: MUC4Type = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestMUC4RelevanceRoundTrip writes a model and reads it back: the weights
// that matter survive, and a bad file is refused.
func TestMUC4RelevanceRoundTrip(t *testing.T) {
	m := &MUC4Relevance{Bias: -0.5, Threshold: 0.35, W: make([]float64, 64)}
	m.W[FeatureHash("e:rebels", 64)] = 2
	m.W[FeatureHash("age=old", 64)] = -3
	var b strings.Builder
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	got, err := ParseMUC4Relevance(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if got.Threshold != 0.35 || got.Bias != -0.5 || len(got.W) != 64 {
		t.Fatalf("read back threshold %v bias %v dim %d", got.Threshold, got.Bias, len(got.W))
	}
	tests := []struct {
		feats []string
		want  float64
	}{
		{nil, 1 / (1 + math.Exp(0.5))},
		{[]string{"e:rebels"}, 1 / (1 + math.Exp(-1.5))},
		{[]string{"e:rebels", "age=old"}, 1 / (1 + math.Exp(1.5))},
	}
	for _, tt := range tests {
		if p := got.Prob(tt.feats); math.Abs(p-tt.want) > 1e-3 {
			t.Errorf("Prob(%v) = %.4f, want %.4f", tt.feats, p, tt.want)
		}
	}
	for _, bad := range []string{"bias 1\n", "dim 4\n9 1\n", "dim 4\nbias x\n", "dim 4\n1 2 3\n"} {
		if _, err := ParseMUC4Relevance(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestDefaultMUC4Relevance reads the committed model: it must parse and
// tell an invented massacre of peasants by rebels from an invented
// football match.
func TestDefaultMUC4Relevance(t *testing.T) {
	m, err := DefaultMUC4Relevance()
	if err != nil {
		t.Fatal(err)
	}
	if m.Threshold <= 0 || m.Threshold >= 1 {
		t.Errorf("threshold %v outside (0, 1)", m.Threshold)
	}
	attack := append([]string{"t=attack", "age=0-1"}, textFeatures("e:", "urban guerrillas machinegunned a bus of peasants and killed the driver")...)
	match := append([]string{"t=attack", "age=old"}, textFeatures("e:", "the football match between the two clubs ended in a draw last year")...)
	if pa, pm := m.Prob(attack), m.Prob(match); pa <= pm {
		t.Errorf("attack %.3f <= match %.3f", pa, pm)
	}
}

func TestTextFeatures(t *testing.T) {
	got := textFeatures("e:", "Bombs, bombs in 1989")
	want := []string{"e:bombs", "e:bombs_bombs", "e:in", "e:bombs_in", "e:####", "e:in_####"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("textFeatures = %v, want %v", got, want)
	}
}

// TestHasCue: a one-word cue begins a word, a longer one matches words in
// a row and nothing looser.
func TestHasCue(t *testing.T) {
	cues := [][]string{{"burn"}, {"set", "fire"}}
	tests := []struct {
		text string
		want bool
	}{
		{"the depot was burning", true},
		{"they set fire to the depot", true},
		{"they set the depot on fire", false},
		{"a sunburn", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hasCue(cueWords(tt.text), cues); got != tt.want {
			t.Errorf("hasCue(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestBandOfPeople: a perpetrator only described as a band of people
// fills MUC-4's individual slot; a named organisation does not.
func TestBandOfPeople(t *testing.T) {
	actor := "Farabundo Marti National Liberation Front"
	tests := []struct {
		p    extract.Participant
		want bool
	}{
		{extract.Participant{Name: "a group of rebels", Kind: "organization"}, true},
		{extract.Participant{Name: "urban guerrilla commandos", Kind: "organization"}, true},
		{extract.Participant{Name: "an armed group", Kind: "organization"}, true},
		{extract.Participant{Name: "the Tamar Liberation Front", Kind: "organization"}, false},
		{extract.Participant{Name: "fmln", Kind: "organization", Actor: &actor}, false},
	}
	for _, tt := range tests {
		if got := bandOfPeople(tt.p); got != tt.want {
			t.Errorf("bandOfPeople(%q) = %v, want %v", tt.p.Name, got, tt.want)
		}
	}
}

func TestUndatedAnchor(t *testing.T) {
	got := undatedAnchor("the mayor said that on 14 october a bomb damaged the bridge, and that yesterday rebels burned two trucks. on 9 october a patrol was ambushed.")
	if want := "2000-10-14"; got.Format("2006-01-02") != want {
		t.Errorf("anchor %s, want %s (the latest day written with a number)", got.Format("2006-01-02"), want)
	}
	if got := undatedAnchor("yesterday rebels burned two trucks."); !got.Equal(undatedReference) {
		t.Errorf("anchor %s, want the fixed reference when no day is written", got)
	}
}
