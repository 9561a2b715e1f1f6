package extract

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"sitrep/internal/article"
)

func TestSentenceArguments(t *testing.T) {
	tests := []struct {
		sentence                         string
		perps, targets, victims, weapons []string
	}{
		{
			sentence: "Rebels of the Qarvelo Liberation Front attacked the embassy with rifles and grenades.",
			perps:    []string{"Rebels of the Qarvelo Liberation Front", "Qarvelo Liberation Front"}, targets: []string{"embassy"}, weapons: []string{"rifles", "grenades"},
		},
		{
			sentence: "a group of members of the dalmera popular army yesterday attacked the bridge.",
			perps:    []string{"members of the dalmera popular army", "dalmera popular army"}, targets: []string{"bridge"},
		},
		{
			sentence: "the chairman of the dalmera popular army attacked the embassy.",
			perps:    []string{"dalmera popular army"}, targets: []string{"embassy"},
		},
		{
			sentence: "A CAR BOMB EXPLODED AT THE POWER STATION IN NORTHERN DALMERA.",
			targets:  []string{"POWER STATION"}, weapons: []string{"CAR BOMB"},
		},
		{
			// A relative clause without "that": the agent of "used" is
			// the name, not the words since the last stop word.
			sentence: "The raids in 2019 mimicked tactics Qarvelo Front fighters used to occupy villages.",
			perps:    []string{"Qarvelo Front fighters"},
		},
		{
			// A state the catalog knows, named as the doer.
			sentence: "In 2018, Russia is alleged to have killed the rebel commander near the border.",
			perps:    []string{"Russia"}, victims: []string{"rebel commander"},
		},
		{
			sentence: "The army is believed to have attacked the village overnight.",
			perps:    []string{"army"},
		},
		{
			// A state before "which" is where the attack was, not who did it.
			sentence: "It was a bombing at a cafe in Lisbon, Portugal which killed the owner.",
			victims:  []string{"owner"},
		},
		{
			sentence: "The raids in 2019 mimicked tactics Hezbollah used to occupy villages.",
			perps:    []string{"Hezbollah"},
		},
		{
			sentence: "two pharmacies, a bakery and several market stalls were destroyed by the blast in velmora.",
			targets:  []string{"market stalls", "bakery", "two pharmacies"},
		},
		{
			sentence: "a charge of dynamite went off at the main entrance of the velmora courthouse before dawn.",
			targets:  []string{"velmora courthouse"}, weapons: []string{"charge of dynamite"},
		},
		{
			sentence: "the rebels carried out sabotage actions against the electric system of the province.",
			perps:    []string{"rebels"}, targets: []string{"electric system of the province"},
		},
		{
			sentence: "the mayor was killed by terrorists yesterday.",
			perps:    []string{"terrorists"}, victims: []string{"mayor"},
		},
		{
			sentence: "guerrillas yesterday ambushed a military patrol and killed a peasant.",
			perps:    []string{"guerrillas"}, victims: []string{"military patrol", "peasant"},
		},
		{
			sentence: "gunmen assassinated governor antonio roldan in medellin.",
			perps:    []string{"gunmen"}, victims: []string{"antonio roldan"},
		},
		{
			sentence: "The attack was carried out by the Dalmera Liberation Front.",
			perps:    []string{"Dalmera Liberation Front"},
		},
		{
			sentence: "the judge was shot to death by unidentified gunmen between 0630 and 0700.",
			perps:    []string{"unidentified gunmen"}, victims: []string{"judge"},
		},
		{
			sentence: "the bomb had been planted by members of the qarvelo liberation front.",
			perps:    []string{"members of the qarvelo liberation front", "qarvelo liberation front"}, weapons: []string{"bomb"},
		},
		{
			sentence: "an attack by alleged urban commandos damaged the clinic.",
			perps:    []string{"urban commandos"}, targets: []string{"clinic"},
		},
		{
			sentence: "two armed men this afternoon planted a bomb at the tax office.",
			perps:    []string{"two armed men"}, targets: []string{"tax office"}, weapons: []string{"bomb"},
		},
		{
			sentence: "rebels attacked the town hall, the police station and a bank.",
			perps:    []string{"rebels"}, targets: []string{"town hall", "police station", "bank"},
		},
		{
			sentence: "gunmen killed a police officer guarding the house.",
			perps:    []string{"gunmen"}, victims: []string{"police officer"},
		},
		{
			sentence: "there was anger over the murder of dr. anselmo verel.",
			victims:  []string{"anselmo verel"},
		},
		{
			sentence: "councilman tomas quero was seriously wounded.",
			victims:  []string{"tomas quero"},
		},
		{
			sentence: "members of the army of national redemption (anr) attacked the bridge.",
			perps:    []string{"members of the army of national redemption", "army of national redemption"}, targets: []string{"bridge"},
		},
		{
			sentence: "farc guerrillas burned the tank truck.",
			perps:    []string{"guerrillas", "farc"}, targets: []string{"tank truck"},
		},
		{
			sentence: "the two teachers killed on friday were buried in dalmera.",
			victims:  []string{"two teachers"},
		},
		{
			sentence: "the clinic attacked by rebels was reopened.",
			perps:    []string{"rebels"}, targets: []string{"clinic"},
		},
		{
			sentence: "members of the norland farmers union kidnapped today two surveyors near the dam.",
			perps:    []string{"members of the norland farmers union", "norland farmers union"}, victims: []string{"two surveyors"},
		},
		{
			sentence: "a band of insurgents carried out an armed attack against deputy marco velaz.",
			perps:    []string{"insurgents"}, victims: []string{"marco velaz"},
		},
		{
			sentence: "the bomb was left by unidentified individuals outside the depot.",
			perps:    []string{"unidentified individuals"}, weapons: []string{"bomb"},
		},
		{
			sentence: "the militants tried to kidnap governor ana prado.",
			perps:    []string{"militants"}, victims: []string{"ana prado"},
		},
		{
			sentence: "masked men set off explosives at the customs house.",
			perps:    []string{"masked men"}, targets: []string{"customs house"}, weapons: []string{"explosives"},
		},
		{
			sentence: "the victims were identified as rosa tellen, mario quiroz and ana valdo.",
			victims:  []string{"rosa tellen", "mario quiroz", "ana valdo"},
		},
		{
			sentence: "a farmer who had been abducted has been found murdered near the river.",
			victims:  []string{"farmer"},
		},
		{
			sentence: "the mayor was killed, declared the governor.",
			victims:  []string{"mayor"},
		},
		{
			sentence: "an explosion outside the offices of the norland labour party caused damage.",
			targets:  []string{"offices of the norland labour party"},
		},
		{
			sentence: "several attacks were carried out against the water company.",
			targets:  []string{"water company"},
		},
		{
			sentence: "several shops in the old quarter were destroyed.",
			targets:  []string{"shops"},
		},
		{
			sentence: "troops seized rifles, grenades and dynamite at the farm.",
			perps:    []string{"troops"},
		},
		{
			sentence: "the teachers ana ruiz, jose paz and luis soto were killed in norvale.",
			victims:  []string{"luis soto", "jose paz", "ana ruiz"},
		},
		{
			sentence: "marta vidal, the director of the clinic, was shot to death on 4 may by masked men.",
			perps:    []string{"masked men"}, victims: []string{"marta vidal"},
		},
		{
			sentence: "rebels kidnapped rosa tellen, the mayor of norvale, and mario quiroz on friday.",
			perps:    []string{"rebels"}, victims: []string{"rosa tellen", "mario quiroz"},
		},
		{
			sentence: "soldiers killed two farmers: pedro alvo and juan deza.",
			perps:    []string{"soldiers"}, victims: []string{"two farmers", "pedro alvo", "juan deza"},
		},
		{
			sentence: "the attack against norvale's mayor ana ruiz was condemned.",
			victims:  []string{"ana ruiz"},
		},
		{
			sentence: "the gang used machetes, knives and rifles in the raid.",
			perps:    []string{"gang"}, weapons: []string{"machetes", "knives", "rifles"},
		},
		{
			sentence: "The minister spoke about the economy.",
		},
		{
			// A noun before "attack" says what kind of attack it was:
			// a singular doer would write "attacks" or "attacked".
			sentence: "The rebel attack on the embassy was no surprise.",
			targets:  []string{"embassy"},
		},
		{
			sentence: "A militia raid on the embassy left two guards dead.",
			targets:  []string{"embassy"},
		},
		{
			sentence: "Gunmen opened fire on the bus.",
			perps:    []string{"Gunmen"}, targets: []string{"bus"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			a := SentenceArguments(tt.sentence)
			for _, c := range []struct {
				field     string
				got, want []string
			}{
				{"perpetrators", names(a.Perpetrators), tt.perps},
				{"targets", names(a.Targets), tt.targets},
				{"victims", names(a.Victims), tt.victims},
				{"weapons", a.Weapons, tt.weapons},
			} {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
		})
	}
}

// FuzzSentenceArguments: any text, however broken, gives arguments that
// are non-empty substrings of it, and never panics.
func FuzzSentenceArguments(f *testing.F) {
	for _, s := range []string{"guerrillas attacked the embassy", "a bomb exploded at", "by", "(fmln) attacked", "\"\" killed \"", "é\xffattacked by"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := SentenceArguments(s)
		var all []string
		for _, ps := range [][]Participant{a.Perpetrators, a.Targets, a.Victims} {
			for _, p := range ps {
				all = append(all, p.Name)
			}
		}
		for _, x := range append(all, a.Weapons...) {
			if x == "" || !contains(s, x) {
				t.Fatalf("argument %q is not a non-empty part of %q", x, s)
			}
		}
	})
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestKnownGroups finds the catalog's armed groups in lower-cased text,
// once per group, and not as the side attacked or when the name is not
// an armed group's.
func TestKnownGroups(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"police said fmln urban commandos were responsible.", []string{"fmln"}},
		{"the farabundo marti national liberation front (fmln) was blamed.", []string{"farabundo marti national liberation front"}},
		{"troops attacked fmln positions near the river.", nil},
		{"the offensive against the fmln went on.", nil},
		{"the red cross removed the bodies.", nil},
		{"officials said the shining path planted the charge.", []string{"shining path"}},
		{"the minister spoke about the economy.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			var got []string
			for _, p := range knownGroups(tt.sentence) {
				got = append(got, p.Name)
				if p.Actor == nil {
					t.Errorf("%q: no catalog actor", p.Name)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("groups = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestVictimNameKind checks that only a name is a person: counts, times,
// adverbs, people nouns and names the actor catalog knows as a group are
// descriptions, which MUC-4's victim slot does not take by themselves.
func TestVictimNameKind(t *testing.T) {
	tests := []struct {
		sentence, victim, kind string
	}{
		{"gunmen killed antonio verel in the square.", "antonio verel", "person"},
		{"gunmen killed governor antonio verel.", "antonio verel", "person"},
		{"gunmen killed six.", "six", "unknown"},
		{"the blast killed approximately 100.", "approximately 100", "unknown"},
		{"troops killed 6 december.", "6", "unknown"},
		{"the guard was killed instantly.", "guard", "unknown"},
		{"gunmen killed urging residents to flee.", "urging residents", "unknown"},
		{"gunmen killed two hours ago.", "two hours ago", "unknown"},
		{"rebels kidnapped the clergyman.", "clergyman", "unknown"},
		{"soldiers killed farc.", "farc", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			a := SentenceArguments(tt.sentence)
			for _, v := range a.Victims {
				if v.Name == tt.victim {
					if v.Kind != tt.kind {
						t.Errorf("%q: kind %q, want %q", v.Name, v.Kind, tt.kind)
					}
					return
				}
			}
			t.Errorf("victims = %+v, want %q among them", a.Victims, tt.victim)
		})
	}
}

// names lists the surface names of participants, for comparing with a
// test's expected names.
// eventToldWith extracts an article and returns the event one of whose
// evidence sentences contains word (the last such), failing the test when
// none does.
func eventToldWith(t *testing.T, title, text, word string) *Event {
	t.Helper()
	evs := Extract(article.Article{Title: title, Text: text}, Options{}).Events
	var ev *Event
	for i := range evs {
		for _, e := range evs[i].Evidence {
			if strings.Contains(e.Text, word) {
				ev = &evs[i]
			}
		}
	}
	if ev == nil {
		t.Fatalf("no event told with %q among %d: %+v", word, len(evs), evs)
	}
	return ev
}

func names(ps []Participant) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

// A victim phrase the actor resolver splits at "and" gives back a name the
// event already holds from its casualty phrase: each victim is listed once.
func TestVictimsListedOnce(t *testing.T) {
	for _, text := range []string{
		"A bomb exploded on an airliner near Cairo on Tuesday, killing all 40 passengers and crew.",
		"The blast at the Dorvan checkpoint killed 3 Sorvian soldiers and at least 12 Kestrian civilians on Monday.",
	} {
		evs := Extract(article.Article{Title: "Airliner bombed", Text: text}, Options{}).Events
		if len(evs) == 0 {
			t.Errorf("%q: no event", text)
			continue
		}
		seen := map[string]bool{}
		for _, n := range names(evs[0].Victims) {
			if seen[strings.ToLower(n)] {
				t.Errorf("%q: victim %q listed twice in %q", text, n, names(evs[0].Victims))
			}
			seen[strings.ToLower(n)] = true
		}
	}
}

// A month or a day opening the lead is a time, not the story's place
// ("In August," is not August, California).
func TestStoryPlaceNotATime(t *testing.T) {
	a := article.Article{Title: "Convoy ambushed", Text: "In August, gunmen ambushed a convoy on the Dorvan road, killing four drivers.\n\nOn Monday, officials said the road had reopened."}
	evs := Extract(a, Options{}).Events
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	if l := evs[0].Location; l != nil {
		t.Errorf("location = %+v, want none: the text names no known place", l)
	}
}

// A sentence opening with a group pronoun and an act takes as its agent
// the armed group the sentence before has as its subject.
func TestPronounAgents(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool // Boko Haram is a perpetrator of the event told with "killing"
	}{
		{"the subject of the sentence before",
			"Boko Haram is the strongest armed group around Velmora. It carried out a bombing at the Velmora market on Monday, killing six people.", true},
		{"an adverb between pronoun and act",
			"Boko Haram has grown stronger this year. It also launched an attack on a checkpoint near Dorvan on Monday, killing two soldiers.", true},
		{"the group is the side attacked, not the subject",
			"Troops attacked Boko Haram positions near Velmora. It was reported that a bomb exploded at the market on Monday, killing six people.", false},
		{"no group before the pronoun",
			"The town is poor and remote. It carried out no census. A bomb exploded at the Velmora market on Monday, killing six people.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := eventToldWith(t, "Attack near Velmora", tt.text, "killing")
			if got := hasActor(ev.Perpetrators, "Boko Haram"); got != tt.want {
				t.Errorf("Boko Haram among perpetrators %q: %v, want %v", names(ev.Perpetrators), got, tt.want)
			}
		})
	}
}

// TestTollSentenceArguments reads the participants of a sentence an event
// took only its toll from: it is the event's evidence, yet it told no
// event, so its arguments are read as a context sentence's are, even in
// a paragraph of its own.
func TestTollSentenceArguments(t *testing.T) {
	text := "A bomb exploded at the tax office in Norvale on Monday, police said.\n\nThe device was left by two masked men at the back door, and one guard was hurt."
	evs := Extract(article.Article{Title: "Blast in Norvale", Text: text}, Options{}).Events
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	if got := names(evs[0].Perpetrators); !reflect.DeepEqual(got, []string{"two masked men"}) {
		t.Errorf("perpetrators = %q, want [\"two masked men\"]", got)
	}
}

// TestReachedArguments covers the constructions the reader reaches beyond
// a verb's own subject and object: an act coordinated with one whose
// subject is no act ("entered ... and killed"), an act whose object
// stands inside it ("set X on fire") and nouns for who did an act ("the
// murderers of X", "X's kidnappers").
func TestReachedArguments(t *testing.T) {
	tests := []struct {
		sentence                string
		perps, targets, victims []string
	}{
		{
			sentence: "inspector tomas verel and two guards died in the blast.",
			victims:  []string{"two guards", "inspector tomas verel"},
		},
		{
			// An age before a name is no part of it; a plain number
			// before a noun is a count, kept.
			sentence: "gunmen killed 19-year-old ana ruiz.",
			perps:    []string{"gunmen"}, victims: []string{"ana ruiz"},
		},
		{
			sentence: "gunmen killed 3 guards.",
			perps:    []string{"gunmen"}, victims: []string{"3 guards"},
		},
		{
			// Ages between the names of a list are no one.
			sentence: "the bomb went off at noon, killing ana ruiz, 42; jose paz, 19; and tomas verel.",
			victims:  []string{"ana ruiz", "jose paz", "tomas verel"},
		},
		{
			sentence: "gunmen raided the village, killing nine people, including teacher ana ruiz and jose paz.",
			perps:    []string{"gunmen"}, victims: []string{"ana ruiz", "jose paz"},
		},
		{
			// Things included after things are not read as people.
			sentence: "rebels destroyed two trucks, including a tanker.",
			perps:    []string{"rebels"}, targets: []string{"two trucks"},
		},
		{
			// A thing that "died" is no victim.
			sentence: "the old factory died in the crisis.",
		},
		{
			sentence: "armed men entered the farm near velora and killed the foreman.",
			perps:    []string{"armed men"}, victims: []string{"foreman"},
		},
		{
			sentence: "five gunmen stopped the bus and then shot two passengers.",
			perps:    []string{"five gunmen"}, victims: []string{"two passengers"},
		},
		{
			sentence: "the foreman was seized at dawn and killed near the river.",
		},
		{
			sentence: "the foreman was kidnapped and killed.",
			victims:  []string{"foreman"},
		},
		{
			sentence: "the mayor resigned; masked men later entered the town and killed a teacher.",
			perps:    []string{"masked men"}, victims: []string{"teacher"},
		},
		{
			sentence: "rebels set the town hall on fire at midnight.",
			perps:    []string{"rebels"}, targets: []string{"town hall"},
		},
		{
			sentence: "a group of youths set two buses ablaze.",
			perps:    []string{"group of youths"}, targets: []string{"two buses"},
		},
		{
			sentence: "unknown men stormed the office and set the archive on fire.",
			perps:    []string{"unknown men"}, targets: []string{"office", "archive"},
		},
		{
			sentence: "the set of rules on fire safety was published.",
		},
		{
			sentence: "police are looking for the murderers of teodoro alvarenga.",
			victims:  []string{"teodoro alvarenga"},
		},
		{
			sentence: "the murderers of the nuns fled abroad.",
			victims:  []string{"nuns"},
		},
		{
			sentence: "the kidnappers of governor ana ruiz demanded a ransom.",
			victims:  []string{"ana ruiz"},
		},
		{
			sentence: "a bomb hidden in the power grid left the town dark.",
		},
		{
			sentence: "guerrillas sabotaged the power grid left unguarded.",
			perps:    []string{"guerrillas"}, targets: []string{"power grid"},
		},
		{
			sentence: "the massacre of the farmers ana ruiz, jose paz and luis soto shocked velora.",
			victims:  []string{"ana ruiz", "jose paz", "luis soto"},
		},
		{
			sentence: "the army accused the rebels of kidnapping thirty peasants.",
			perps:    []string{"rebels"},
		},
		{
			sentence: "the minister blamed the velora liberation front for the attack.",
			perps:    []string{"velora liberation front"},
		},
		{
			sentence: "the minister accused the rebels of lying.",
		},
		{
			sentence: "the judge was intercepted by four gunmen on motorcycles.",
			perps:    []string{"four gunmen"},
		},
		{
			sentence: "the message was intercepted by radio.",
		},
		{
			sentence: "the senator's kidnappers asked for a ransom.",
			victims:  []string{"senator"},
		},
		{
			sentence: "the attackers of the embassy escaped.", targets: []string{"embassy"},
		},
		{
			sentence: "a new act of sabotage against the electrical system left velora dark.",
			targets:  []string{"electrical system"},
		},
		{
			sentence: "the bombing of the embassy was condemned.",
			targets:  []string{"embassy"},
		},
		{
			sentence: "the sabotage against the economy continues.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			a := SentenceArguments(tt.sentence)
			for _, c := range []struct {
				field     string
				got, want []string
			}{
				{"perpetrators", names(a.Perpetrators), tt.perps},
				{"targets", names(a.Targets), tt.targets},
				{"victims", names(a.Victims), tt.victims},
			} {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
		})
	}
}

// TestWarnedAttackerNotPerpetrator: a sentence about a warning of an
// attack names who might attack, not who did; a group named in a plain
// sentence about the event still counts.
func TestWarnedAttackerNotPerpetrator(t *testing.T) {
	pub := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	text := "Gunmen attacked a bus near Orsa on Monday, killing two passengers. Officials had dismissed warnings of an attack by the Tarn Brigade."
	evs := Extract(article.Article{Text: text, Published: pub}, Options{}).Events
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	for _, p := range evs[0].Perpetrators {
		if strings.Contains(p.Name, "Tarn") {
			t.Errorf("perpetrator %q from a warning", p.Name)
		}
	}
}
