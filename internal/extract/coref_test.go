package extract

import (
	"reflect"
	"strings"
	"testing"

	"sitrep/internal/article"
	"sitrep/internal/nlp"
)

// TestCorefers checks which later tellings fold into an earlier event:
// only a definite phrase referring back, with types one incident can be
// coded as and dates and places that agree.
func TestCorefers(t *testing.T) {
	day := func(d string) *Date { return &Date{Start: d, End: d, Precision: "day", Text: d} }
	town := func(name string) *Location { return &Location{Name: name, Country: "NV", Precision: "city"} }
	ev := func(subtype string, d *Date, l *Location, sentence string) Event {
		return Event{Type: Subtypes[subtype], Subtype: subtype, Date: d, Location: l, Evidence: []Evidence{{Text: sentence}}}
	}
	bomb := ev("remote_explosive_landmine_ied", day("2025-03-02"), town("Qarvelo"), "A car bomb exploded outside the ministry in Qarvelo on Sunday.")
	tests := []struct {
		name string
		b    Event
		want bool
	}{
		{"the attack, same day and town", ev("attack", day("2025-03-02"), town("Qarvelo"), "The attack killed four guards."), true},
		{"the terrorist attack, no date or place", ev("attack", nil, nil, "Police said the terrorist attack was planned for weeks."), true},
		{"a possessive: her killing", ev("attack", nil, nil, "Her killing will not go unpunished, the mayor said."), true},
		{"this criminal bombing", ev("remote_explosive_landmine_ied", nil, nil, "This criminal bombing will not go unpunished, the mayor said."), true},
		{"another town", ev("attack", day("2025-03-02"), town("Dalmera"), "The attack in Dalmera killed two."), false},
		{"another day", ev("attack", day("2025-02-11"), nil, "The attack on 11 February killed two."), false},
		{"no phrase referring back", ev("attack", day("2025-03-02"), town("Qarvelo"), "Gunmen shot a farmer near Qarvelo on Sunday."), false},
		{"a kidnapping is another act", ev("abduction_forced_disappearance", nil, nil, "After the bombing, gunmen abducted the driver."), false},
		{"ground changing hands is an outcome", ev("non_state_actor_overtakes_territory", nil, nil, "After the attack, rebels took the town."), false},
		{"not violent", ev("peaceful_protest", nil, nil, "Hundreds marched against the attack."), false},
		{"said is not a determiner", ev("attack", nil, nil, "A councillor said residents attacked the soldiers."), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := corefers(bomb, tt.b, retells(tt.b)); got != tt.want {
				t.Errorf("corefers = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCorefer folds a retelling into the event it refers back to, keeps
// an older incident apart, never adds up the same dead, and leaves the
// merged event where the more salient part stood.
func TestCorefer(t *testing.T) {
	two, four := 2, 4
	day := &Date{Start: "2025-03-02", End: "2025-03-02", Precision: "day", Text: "Sunday"}
	evs := []Event{
		{Type: ViolenceAgainstCivilians, Subtype: "attack", Date: day, Killed: &Count{Min: 4, Max: &four},
			Perpetrators: []Participant{{Name: "gunmen", Kind: "person"}},
			Evidence:     []Evidence{{Start: 0, End: 40, Text: "Gunmen attacked a bus near Qarvelo on Sunday."}}},
		{Type: ExplosionsRemoteViolence, Subtype: "remote_explosive_landmine_ied", Date: &Date{Start: "1999-09-01", End: "1999-09-30", Precision: "month", Text: "September 1999"},
			Evidence: []Evidence{{Start: 100, End: 140, Text: "A bomb killed nine people in the town in September 1999."}}},
		{Type: ViolenceAgainstCivilians, Subtype: "attack", Killed: &Count{Min: 2, Max: &two},
			Victims:  []Participant{{Name: "the driver", Kind: "unknown"}},
			Evidence: []Evidence{{Start: 50, End: 90, Text: "The attack killed the driver and a passenger."}}},
	}
	why := [][]Reason{{{Field: "type"}}, {{Field: "type"}}, {{Field: "type"}}}
	got, gotWhy := corefer(evs, why)
	if len(got) != 2 || len(gotWhy) != 2 {
		t.Fatalf("got %d events, want 2 (the retelling folded, the 1999 bombing kept)", len(got))
	}
	main := got[0]
	if main.Killed == nil || main.Killed.Min != 4 {
		t.Errorf("killed = %v, want 4: the largest one telling gives, not 4+2", main.Killed)
	}
	if len(main.Victims) != 1 || len(main.Perpetrators) != 1 {
		t.Errorf("perpetrators %v victims %v, want both tellings' pooled", main.Perpetrators, main.Victims)
	}
	var starts []int
	for _, e := range main.Evidence {
		starts = append(starts, e.Start)
	}
	if !reflect.DeepEqual(starts, []int{0, 50}) {
		t.Errorf("evidence starts = %v, want [0 50]: both sentences, in text order", starts)
	}
	if got[1].Subtype != "remote_explosive_landmine_ied" {
		t.Errorf("second event = %s, want the 1999 bombing", got[1].Subtype)
	}
	found := false
	for _, r := range gotWhy[0] {
		found = found || r.Field == "coreference"
	}
	if !found {
		t.Errorf("no coreference reason on the merged event: %+v", gotWhy[0])
	}
}

// TestContextArguments reads participants from the sentences after an
// event's telling that tell no event themselves, and not from a sentence
// past another event or too far away without referring back.
func TestContextArguments(t *testing.T) {
	tests := []struct {
		name, text string
		victims    []string
	}{
		{
			name:    "the next sentence names the dead",
			text:    "Gunmen attacked a police post in Qarvelo on Monday, killing two officers. Among the dead was sergeant tomas verel.",
			victims: []string{"two officers", "tomas verel"},
		},
		{
			name:    "too far without referring back",
			text:    "Gunmen attacked a police post in Qarvelo on Monday, killing two officers. The post was built in 1990. It has twelve rooms. Its roof is green. Among the dead was sergeant tomas verel.",
			victims: []string{"two officers"},
		},
		{
			name:    "another paragraph",
			text:    "Gunmen attacked a police post in Qarvelo on Monday, killing two officers.\n\nAmong the dead was sergeant tomas verel.",
			victims: []string{"two officers"},
		},
		{
			name:    "far but referring back",
			text:    "Gunmen attacked a police post in Qarvelo on Monday, killing two officers. The post was built in 1990. It has twelve rooms. Its roof is green. Police said that in the attack, among the dead was sergeant tomas verel.",
			victims: []string{"two officers", "tomas verel"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := nlp.Sentences(tt.text)
			ri := newRuneIndex(tt.text, sents)
			first := sents[0]
			evs := []Event{{Type: ViolenceAgainstCivilians, Subtype: "attack",
				Victims:  []Participant{{Name: "two officers", Kind: "unknown"}},
				Evidence: []Evidence{{Start: ri[first.Start], End: ri[first.End], Text: tt.text[first.Start:first.End]}}}}
			why := [][]Reason{nil}
			contextArguments(tt.text, sents, evs, why)
			if got := names(evs[0].Victims); !reflect.DeepEqual(got, tt.victims) {
				t.Errorf("victims = %v, want %v", got, tt.victims)
			}
		})
	}
}

// TestRetoldArguments: a sentence that tells an event of its own but
// names the incident told just before ("after the explosion") gives that
// incident its perpetrators; without the definite phrase it does not.
func TestRetoldArguments(t *testing.T) {
	tests := []struct {
		name, second string
		perps        []string
	}{
		{name: "refers back", second: "Masked men shot a guard after the explosion.", perps: []string{"masked men"}},
		{name: "no reference", second: "Masked men shot a guard in Velora.", perps: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "A bomb went off at a market in Qarvelo on Monday. " + tt.second
			sents := nlp.Sentences(text)
			if len(sents) != 2 {
				t.Fatalf("%d sentences", len(sents))
			}
			ri := newRuneIndex(text, sents)
			var evs []Event
			why := make([][]Reason, 2)
			for k, s := range sents {
				st := text[s.Start:s.End]
				evs = append(evs, Event{Type: ViolenceAgainstCivilians, Subtype: "attack",
					Evidence: []Evidence{{Start: ri[s.Start], End: ri[s.End], Text: st}}})
				why[k] = []Reason{{Field: "type", Sentence: st}}
			}
			contextArguments(text, sents, evs, why)
			var got []string
			for _, p := range evs[0].Perpetrators {
				got = append(got, strings.ToLower(p.Name))
			}
			if !reflect.DeepEqual(got, tt.perps) {
				t.Errorf("first event's perpetrators = %v, want %v", got, tt.perps)
			}
		})
	}
}

// TestWholeReportExtract runs the step inside Extract on a fictional
// report: the victim named after the telling joins the event.
func TestWholeReportExtract(t *testing.T) {
	text := "Gunmen attacked a police post in Qarvelo on Monday, killing two officers. Among the dead was sergeant tomas verel.\n\nThe minister spoke about the economy on Friday."
	a, err := article.Read("t", []byte(text), article.Options{Format: "text"})
	if err != nil {
		t.Fatal(err)
	}
	res := Extract(a, Options{})
	if len(res.Events) == 0 {
		t.Fatal("no event")
	}
	var vs []string
	for _, v := range res.Events[0].Victims {
		vs = append(vs, v.Name)
	}
	if !strings.Contains(strings.Join(vs, "|"), "tomas verel") {
		t.Errorf("victims = %v, want tomas verel among them", vs)
	}
}

// TestClauseEventsKeepTheirArguments: a sentence whose clauses each tell
// an event is not read as context for the first clause's event, which
// would take the later clauses' targets and victims.
func TestClauseEventsKeepTheirArguments(t *testing.T) {
	text := "The Qarvelo Front has a long record. It carried out a suicide attack in March 2019 that killed 12 shoppers at the Veska market; an attack on the Norland consulate in Tarvo that killed three guards in May 2020; and, in June 2021, a raid on a prison."
	evs := Extract(article.Article{Title: "A group's record", Text: text}, Options{}).Events
	var found bool
	for _, ev := range evs {
		if ev.Date == nil || !strings.HasPrefix(ev.Date.Start, "2019") {
			continue
		}
		found = true
		for _, p := range append(ev.Targets, ev.Victims...) {
			if strings.Contains(p.Name, "consulate") || strings.Contains(p.Name, "guards") {
				t.Errorf("the 2019 attack took %q from another clause's event", p.Name)
			}
		}
	}
	if !found {
		t.Fatalf("no event dated 2019 among %+v", evs)
	}
}
