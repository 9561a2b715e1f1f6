package eval

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"sitrep/internal/extract"
	"sitrep/internal/nlp"
)

// The slot filler. The pipeline's argument reader takes a phrase as a
// perpetrator, target, victim or weapon only when a verb it knows ties
// the phrase to the event; on MUC-4's train split the phrases it fills
// name a quarter of the keys' perpetrators, targets and victims and half
// of their weapons. The filler reads every class-noun phrase of a document
// with a relevant candidate (extract.Mentions: "urban guerrillas", "the
// power towers", "a car bomb", a known armed group), scores each for each
// slot its class can fill by a logistic model over hashed features of the
// phrase and its context, and adds the best-scored variant of each phrase
// to the candidate told nearest to it when the score clears the model's
// threshold. The same model scores the pipeline's own fills, and one
// below a second, lower threshold (the model's Prune) is dropped (on
// train, cross-validated, that lifts micro F1 by about 0.9, most of it
// the precision of victims). tools/mucfill fits the model on the
// train split only and chooses both thresholds (and a shift per slot) by
// cross-validated train micro F1.

// MUC4Fill is one phrase proposed for one slot of one kept candidate.
type MUC4Fill struct {
	Role, Text string
	Cand       int // index into the kept candidates
	// Group is shared by the variants of one phrase in one sentence
	// (for every slot): at most one of a group is added.
	Group    int
	Features []string
	// Pipe marks a fill the pipeline made: it is scored to be kept or
	// dropped, not added.
	Pipe bool
}

// fillRoles are the slots a mention class can fill.
var fillRoles = map[string][]string{
	"individuals":  {"PerpInd", "Victim"},
	"people":       {"Victim", "PerpInd"},
	"organization": {"PerpOrg", "PerpInd"},
	"group":        {"PerpOrg"},
	"facility":     {"Target"},
	"weapon":       {"Weapon"},
	"name":         {"Victim", "PerpInd"},
	"person":       {"Victim", "PerpInd"},
}

// MUC4FillCandidates lists the phrases of text that could fill a slot of
// the kept candidates, each with the features the fill model reads, then
// the candidates' own fills (Pipe). A phrase the candidate it is attached
// to already has in that slot is not proposed again. Linear in the text (times the number of kept candidates).
func MUC4FillCandidates(text string, kept []MUC4Candidate) []MUC4Fill {
	sents := nlp.Sentences(text)
	if len(sents) == 0 || len(kept) == 0 {
		return nil
	}
	sentOf := func(off int) int {
		return sort.Search(len(sents), func(i int) bool { return sents[i].End > off })
	}
	evSents := make([][]int, len(kept))
	for i, c := range kept {
		for _, e := range c.Evidence {
			evSents[i] = append(evSents[i], sentOf(e.Start))
		}
	}
	type found struct {
		m    extract.Mention
		sent int
	}
	var ms []found
	count := map[string]int{}
	// What the rule reader takes each sentence's phrases for, wherever
	// the sentence is: "perpetrator", "target", "victim", "weapon".
	read := make([]map[string]string, len(sents))
	for si, s := range sents {
		a := extract.SentenceArguments(text[s.Start:s.End])
		if len(a.Perpetrators)+len(a.Targets)+len(a.Victims)+len(a.Weapons) == 0 {
			continue
		}
		read[si] = map[string]string{}
		for _, p := range a.Perpetrators {
			read[si][NormMention(p.Name)] = "perpetrator"
		}
		for _, p := range a.Targets {
			read[si][NormMention(p.Name)] = "target"
		}
		for _, p := range a.Victims {
			read[si][NormMention(p.Name)] = "victim"
		}
		for _, w := range a.Weapons {
			read[si][NormMention(w)] = "weapon"
		}
	}
	for si, s := range sents {
		for _, m := range extract.Mentions(text[s.Start:s.End]) {
			ms = append(ms, found{m, si})
			if m.Left == 0 && !m.Of {
				count[NormMention(m.Text)]++
			}
		}
	}
	// Where each phrase is told nearest to a candidate's sentences, and
	// first, over the whole document.
	nearest := func(si int) (int, int) {
		best, dist := 0, 1<<30
		for i := range kept {
			for _, es := range evSents[i] {
				if d := abs(es - si); d < dist {
					best, dist = i, d
				}
			}
		}
		return best, dist
	}
	docDist, firstSent := map[string]int{}, map[string]int{}
	for _, f := range ms {
		n := NormMention(f.m.Text)
		_, d := nearest(f.sent)
		if old, ok := docDist[n]; !ok || d < old {
			docDist[n] = d
		}
		if _, ok := firstSent[n]; !ok {
			firstSent[n] = f.sent
		}
	}
	has := func(t MUC4Template, role, norm string) bool {
		for _, e := range t.Roles[role] {
			if NormMention(e[0]) == norm {
				return true
			}
		}
		return false
	}
	var out []MUC4Fill
	for _, f := range ms {
		// The candidate told nearest to the phrase's sentence.
		best, dist := nearest(f.sent)
		norm := NormMention(f.m.Text)
		if norm == "" {
			continue
		}
		words := strings.Fields(norm)
		base := []string{
			"c=" + f.m.Class, "n=" + f.m.Noun, "x=" + norm, "w0=" + words[0],
			"len=" + strconv.Itoa(min(len(words), 5)), "left=" + strconv.Itoa(f.m.Left),
			"b1=" + f.m.Before, "b2=" + f.m.Before2 + "_" + f.m.Before, "a1=" + f.m.After,
			"b1n=" + f.m.Before + "_" + f.m.Noun, "na1=" + f.m.Noun + "_" + f.m.After,
			"d=" + bucket(dist, 0, 1, 2, 4, 8), "s=" + bucket(f.sent, 0, 1, 2, 4, 8, 16),
			"cnt=" + bucket(count[norm], 0, 1, 2, 4), "t=" + kept[best].Template.Type,
			"nk=" + bucket(len(kept), 1, 2, 3),
			"dd=" + bucket(docDist[norm], 0, 1, 2, 4), "fs=" + bucket(firstSent[norm], 0, 1, 2, 4, 8),
			"first=" + strconv.FormatBool(firstSent[norm] == f.sent),
		}
		if f.m.Of {
			base = append(base, "of")
		}
		if r := read[f.sent]; r != nil {
			if k, ok := r[norm]; ok {
				base = append(base, "read="+k)
			} else {
				for name, k := range r {
					if strings.Contains(" "+name+" ", " "+norm+" ") {
						base = append(base, "readin="+k) // a set: order does not matter
					}
				}
			}
		}
		st := sents[f.sent].Start
		for _, w := range lastWords(text[st:st+f.m.Start], fillWindow) {
			base = append(base, "wb="+w)
		}
		for _, w := range firstWords(text[st+f.m.End:sents[f.sent].End], fillWindow) {
			base = append(base, "wa="+w)
		}
		if strings.ContainsAny(f.m.Text, "0123456789") {
			base = append(base, "digit")
		}
		for _, r := range fillRoles[f.m.Class] {
			if has(kept[best].Template, r, norm) {
				continue
			}
			feats := []string{"r=" + r, "r=" + r + "|c=" + f.m.Class, "r=" + r + "|has=" + bucket(len(kept[best].Template.Roles[r]), 0, 1, 2)}
			for _, b := range base {
				feats = append(feats, r+"|"+b)
			}
			out = append(out, MUC4Fill{Role: r, Text: f.m.Text, Cand: best, Group: f.sent<<16 | f.m.Head, Features: feats})
		}
	}
	// The pipeline's own fills, scored to be kept or dropped.
	for i, c := range kept {
		for _, r := range MUC4Roles {
			for _, e := range c.Template.Roles[r] {
				norm := NormMention(e[0])
				if norm == "" {
					continue
				}
				words := strings.Fields(norm)
				dd, ok := docDist[norm]
				if !ok {
					dd = -1
				}
				feats := []string{"r=" + r + "|pipe"}
				for _, b := range []string{"x=" + norm, "w0=" + words[0], "len=" + strconv.Itoa(min(len(words), 5)),
					"cnt=" + bucket(count[norm], 0, 1, 2, 4), "dd=" + bucket(dd, -1, 0, 1, 2, 4), "t=" + c.Template.Type,
					"nk=" + bucket(len(kept), 1, 2, 3), "has=" + bucket(len(c.Template.Roles[r]), 1, 2, 3)} {
					feats = append(feats, r+"|pipe|"+b)
				}
				out = append(out, MUC4Fill{Role: r, Text: e[0], Cand: i, Group: -1 - len(out), Features: feats, Pipe: true})
			}
		}
	}
	return out
}

// ApplyMUC4Fills drops from copies of the kept candidates' templates the
// pipeline's fills whose prob is below prune, then adds, of each group of
// proposed fills, the one with the highest prob when it reaches
// threshold.
func ApplyMUC4Fills(kept []MUC4Candidate, fills []MUC4Fill, prob []float64, threshold, prune float64) []MUC4Candidate {
	out := make([]MUC4Candidate, len(kept))
	copy(out, kept)
	for i := range out {
		out[i].Template = copyTemplate(kept[i].Template)
	}
	for i, f := range fills {
		if !f.Pipe || prob[i] >= prune {
			continue
		}
		t := &out[f.Cand].Template
		es := t.Roles[f.Role][:0:0]
		for _, e := range t.Roles[f.Role] {
			if e[0] != f.Text {
				es = append(es, e)
			}
		}
		t.Roles[f.Role] = es
	}
	for i := 0; i < len(fills); {
		j, top := i, i
		for ; j < len(fills) && fills[j].Group == fills[i].Group; j++ {
			if prob[j] > prob[top] {
				top = j
			}
		}
		if prob[top] >= threshold && !fills[top].Pipe {
			f := fills[top]
			t := &out[f.Cand].Template
			norm := NormMention(f.Text)
			dup := false
			for _, e := range t.Roles[f.Role] {
				if NormMention(e[0]) == norm {
					dup = true
					break
				}
			}
			if !dup {
				t.Roles[f.Role] = append(t.Roles[f.Role], []string{f.Text})
			}
		}
		i = j
	}
	return out
}

// fillWindow is how many words either side of a phrase the fill model
// reads as a bag.
const fillWindow = 6

func fillWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// lastWords are the last n words of s; firstWords its first n.
func lastWords(s string, n int) []string {
	ws := fillWords(s)
	return ws[max(0, len(ws)-n):]
}

func firstWords(s string, n int) []string {
	ws := fillWords(s)
	return ws[:min(n, len(ws))]
}

// bucket names the interval of edges n falls in: "<=e" for the first
// edge e it does not exceed, ">last" beyond them all.
func bucket(n int, edges ...int) string {
	for _, e := range edges {
		if n <= e {
			return "<=" + strconv.Itoa(e)
		}
	}
	return ">" + strconv.Itoa(edges[len(edges)-1])
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

//go:embed data/muc4_fill.txt
var muc4FillText string

// DefaultMUC4Fill is the slot filler's model fitted on the train split,
// from data/muc4_fill.txt.
func DefaultMUC4Fill() (*MUC4Relevance, error) {
	return ParseMUC4Relevance(strings.NewReader(muc4FillText))
}
