package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// CaseSnippet is one labelled snippet of the CASE 2021 task 2 set.
type CaseSnippet struct {
	ID    int    `json:"id"`
	Text  string `json:"text"`
	Label string `json:"label"`
}

// LoadCase2021 reads dir/snippets.jsonl.
func LoadCase2021(dir string) ([]CaseSnippet, error) {
	f, err := os.Open(filepath.Join(dir, "snippets.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []CaseSnippet
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var s CaseSnippet
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", f.Name(), line, err)
		}
		out = append(out, s)
	}
	return out, sc.Err()
}

// CaseLabels maps sitrep's sub-type and category names to the set's labels.
// The task's 25 ACLED labels are ACLED's sub-event types under short names.
var CaseLabels = map[string]string{
	"abduction_forced_disappearance":      "ABDUCT_DISSAP",
	"agreement":                           "AGREEMENT",
	"air_drone_strike":                    "AIR_STRIKE",
	"armed_clash":                         "ARMED_CLASH",
	"arrests":                             "ARREST",
	"shelling_artillery_missile_attack":   "ART_MISS_ATTACK",
	"attack":                              "ATTACK",
	"change_to_group_activity":            "CHANGE_TO_GROUP_ACT",
	"chemical_weapon":                     "CHEM_WEAP",
	"disrupted_weapons_use":               "DISR_WEAP",
	"excessive_force_against_protesters":  "FORCE_AGAINST_PROTEST",
	"government_regains_territory":        "GOV_REGAINS_TERIT",
	"grenade":                             "GRENADE",
	"headquarters_or_base_established":    "HQ_ESTABLISHED",
	"mob_violence":                        "MOB_VIOL",
	"non_state_actor_overtakes_territory": "NON_STATE_ACTOR_OVERTAKES_TER",
	"non_violent_transfer_of_territory":   "NON_VIOL_TERRIT_TRANSFER",
	"other":                               "OTHER",
	"peaceful_protest":                    "PEACE_PROTEST",
	"looting_property_destruction":        "PROPERTY_DISTRUCT",
	"protest_with_intervention":           "PROTEST_WITH_INTER",
	"remote_explosive_landmine_ied":       "REM_EXPLOS",
	"sexual_violence":                     "SEX_VIOL",
	"suicide_bomb":                        "SUIC_BOMB",
	"violent_demonstration":               "VIOL_DEMONSTR",
	"organized_crime":                     "ORG_CRIME",
	"natural_disaster":                    "NATURAL_DISASTER",
	"man_made_disaster":                   "MAN_MADE_DISASTER",
	"diplomatic":                          "DIPLO",
	"attribution":                         "ATTRIB",
}

// CaseSubtask is one of the task's three label sets: 1 the 25 ACLED
// labels, 2 those plus three unseen types, 3 all thirty.
func CaseSubtask(n int) map[string]bool {
	set := make(map[string]bool)
	for ours, theirs := range CaseLabels {
		switch ours {
		case "organized_crime", "natural_disaster", "man_made_disaster":
			if n < 2 {
				continue
			}
		case "diplomatic", "attribution":
			if n < 3 {
				continue
			}
		}
		set[theirs] = true
	}
	return set
}

// CaseScore is one subtask's result.
type CaseScore struct {
	Subtask    int
	N          int     // snippets whose gold label is in the subtask's set
	Micro      float64 // = accuracy: one label per snippet
	Macro      float64 // mean per-label F1 over the gold labels present
	Weighted   float64 // per-label F1 weighted by gold support
	PerLabel   map[string]LabelF1
	Confusions []Confusion // gold→predicted errors, most frequent first
}

// LabelF1 is one label's counts and F1.
type LabelF1 struct {
	Support, TP, FP, FN int
	P, R, F1            float64
}

// Confusion is one kind of error and how often it happened; Pred is ""
// when the system gave no label.
type Confusion struct {
	Gold, Pred string
	N          int
}

// ScoreCase2021 scores one subtask. predict gets each snippet's text and
// the subtask's label set (the set's names) and returns one of them, or ""
// for none. Only snippets whose gold label is in the set count, as the
// task's README says.
func ScoreCase2021(snips []CaseSnippet, subtask int, predict func(text string, allowed map[string]bool) string) CaseScore {
	allowed := CaseSubtask(subtask)
	var gold, pred []string
	for _, s := range snips {
		if !allowed[s.Label] {
			continue
		}
		gold = append(gold, s.Label)
		pred = append(pred, predict(s.Text, allowed))
	}
	sc := scoreLabels(gold, pred)
	sc.Subtask = subtask
	return sc
}

// scoreLabels computes micro, macro and weighted F1 of single-label
// predictions.
func scoreLabels(gold, pred []string) CaseScore {
	per := make(map[string]*LabelF1)
	get := func(l string) *LabelF1 {
		if per[l] == nil {
			per[l] = &LabelF1{}
		}
		return per[l]
	}
	conf := make(map[[2]string]int)
	correct := 0
	for i, g := range gold {
		p := pred[i]
		get(g).Support++
		if p == g {
			correct++
			get(g).TP++
			continue
		}
		get(g).FN++
		if p != "" {
			get(p).FP++
		}
		conf[[2]string{g, p}]++
	}
	sc := CaseScore{N: len(gold), PerLabel: make(map[string]LabelF1)}
	if len(gold) == 0 {
		return sc
	}
	sc.Micro = float64(correct) / float64(len(gold))
	present := 0
	for l, c := range per {
		if c.TP+c.FP > 0 {
			c.P = float64(c.TP) / float64(c.TP+c.FP)
		}
		if c.TP+c.FN > 0 {
			c.R = float64(c.TP) / float64(c.TP+c.FN)
		}
		if c.P+c.R > 0 {
			c.F1 = 2 * c.P * c.R / (c.P + c.R)
		}
		sc.PerLabel[l] = *c
		if c.Support > 0 {
			present++
			sc.Macro += c.F1
			sc.Weighted += c.F1 * float64(c.Support)
		}
	}
	sc.Macro /= float64(present)
	sc.Weighted /= float64(len(gold))
	for k, n := range conf {
		sc.Confusions = append(sc.Confusions, Confusion{Gold: k[0], Pred: k[1], N: n})
	}
	sort.Slice(sc.Confusions, func(i, j int) bool {
		a, b := sc.Confusions[i], sc.Confusions[j]
		if a.N != b.N {
			return a.N > b.N
		}
		if a.Gold != b.Gold {
			return a.Gold < b.Gold
		}
		return a.Pred < b.Pred
	})
	return sc
}
