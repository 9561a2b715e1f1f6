package eval

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
)

// MUC4Roles are the role slots of a GTT template, in the scorer's order.
var MUC4Roles = []string{"PerpInd", "PerpOrg", "Target", "Victim", "Weapon"}

// MUC4Template is one incident: its type ("attack", "bombing",
// "kidnapping", ...) and, per role, the entities that fill it, each a list
// of coreferent mention strings.
type MUC4Template struct {
	Type  string
	Roles map[string][][]string
}

// MUC4Doc is one MUC-4 document with its gold templates and the dateline
// of its answer key (the anchor for relative dates).
type MUC4Doc struct {
	ID            string
	Text          string // lower case, dateline removed
	DatelineDate  string // YYYY-MM-DD or ""
	DatelinePlace string
	Templates     []MUC4Template
}

// LoadMUC4 reads split ("dev" or "train") of ../shared/eval/muc4: the
// processed GTT documents and, for their datelines, the parsed keys.
func LoadMUC4(dir, split string) ([]MUC4Doc, error) {
	var docsFile, keysFile string
	switch split {
	case "dev":
		docsFile, keysFile = "dev.jsonl", "keys-dev.jsonl"
	case "train":
		docsFile, keysFile = "train.jsonl.gz", "keys-train.jsonl.gz"
	default:
		return nil, fmt.Errorf("muc4: unknown split %q (want dev or train)", split)
	}
	var docs []MUC4Doc
	err := eachJSONLine(filepath.Join(dir, docsFile), func(dec func(any) error) error {
		var r struct {
			DocID     string `json:"docid"`
			DocText   string `json:"doctext"`
			Templates []map[string]any
		}
		if err := dec(&r); err != nil {
			return err
		}
		d := MUC4Doc{ID: r.DocID, Text: r.DocText}
		for _, t := range r.Templates {
			tpl, err := parseMUC4Template(t)
			if err != nil {
				return fmt.Errorf("%s: %w", r.DocID, err)
			}
			d.Templates = append(d.Templates, tpl)
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]int, len(docs))
	for i, d := range docs {
		byID[d.ID] = i
	}
	err = eachJSONLine(filepath.Join(dir, keysFile), func(dec func(any) error) error {
		var r struct {
			DocID         string  `json:"docid"`
			DatelinePlace string  `json:"dateline_place"`
			DatelineISO   *string `json:"dateline_date_iso"`
		}
		if err := dec(&r); err != nil {
			return err
		}
		if i, ok := byID[r.DocID]; ok {
			docs[i].DatelinePlace = r.DatelinePlace
			if r.DatelineISO != nil {
				docs[i].DatelineDate = *r.DatelineISO
			}
		}
		return nil
	})
	return docs, err
}

// parseMUC4Template reads one processed template: incident_type and, per
// role, a list of entities, each a list of [mention, offset] pairs.
func parseMUC4Template(t map[string]any) (MUC4Template, error) {
	typ, ok := t["incident_type"].(string)
	if !ok {
		return MUC4Template{}, fmt.Errorf("template without an incident_type string")
	}
	out := MUC4Template{Type: typ, Roles: map[string][][]string{}}
	for _, role := range MUC4Roles {
		ents, _ := t[role].([]any)
		for _, e := range ents {
			ms, _ := e.([]any)
			var ent []string
			for _, m := range ms {
				pair, _ := m.([]any)
				if len(pair) == 0 {
					return MUC4Template{}, fmt.Errorf("role %s: empty mention", role)
				}
				s, ok := pair[0].(string)
				if !ok {
					return MUC4Template{}, fmt.Errorf("role %s: mention is not a string", role)
				}
				ent = append(ent, s)
			}
			if len(ent) > 0 {
				out.Roles[role] = append(out.Roles[role], ent)
			}
		}
	}
	return out, nil
}

// MUC4Counts are the GTT scorer's four counts for one role: predicted
// entities that are right and all predicted; gold entities recalled and
// all gold.
type MUC4Counts struct {
	PCorrect, PTotal, RCorrect, RTotal int
}

func (c *MUC4Counts) add(o MUC4Counts) {
	c.PCorrect += o.PCorrect
	c.PTotal += o.PTotal
	c.RCorrect += o.RCorrect
	c.RTotal += o.RTotal
}

// PRF gives precision, recall and F1 from the counts.
func (c MUC4Counts) PRF() PRF {
	var s PRF
	if c.PTotal > 0 {
		s.P = float64(c.PCorrect) / float64(c.PTotal)
	}
	if c.RTotal > 0 {
		s.R = float64(c.RCorrect) / float64(c.RTotal)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// MUC4Report holds the counts per role ("incident_type", the five roles)
// and their sum, "micro_avg".
type MUC4Report struct {
	Docs   int
	Counts map[string]MUC4Counts
}

// MUC4ScoreRoles lists the report's rows in the GTT scorer's order.
var MUC4ScoreRoles = append([]string{"incident_type"}, append(append([]string{}, MUC4Roles...), "micro_avg")...)

// NormMention normalises a mention as GTT's eval.py does: lower case,
// ASCII punctuation removed, the articles a/an/the dropped, white space
// collapsed.
func NormMention(s string) string {
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		if r < 128 && unicode.IsPunct(r) || r == '$' || r == '+' || r == '<' || r == '=' || r == '>' || r == '^' || r == '`' || r == '|' || r == '~' {
			return -1
		}
		return r
	}, s)
	var words []string
	for _, w := range strings.Fields(s) {
		if w == "a" || w == "an" || w == "the" {
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// ScoreMUC4 scores predicted templates per document against the gold
// ones, by GTT's rule: per document, the one-to-one alignment of predicted
// to gold templates with the best F1 (a pair only if the predicted type is
// contained in the gold type), then role-filler counts summed over all
// documents.
func ScoreMUC4(docs []MUC4Doc, preds [][]MUC4Template) MUC4Report {
	rep := MUC4Report{Docs: len(docs), Counts: map[string]MUC4Counts{}}
	for i, d := range docs {
		var p []MUC4Template
		if i < len(preds) {
			p = preds[i]
		}
		for role, c := range scoreMUC4Doc(dedupTemplates(d.Templates), p) {
			sum := rep.Counts[role]
			sum.add(c)
			rep.Counts[role] = sum
		}
	}
	var micro MUC4Counts
	for _, role := range MUC4ScoreRoles[:len(MUC4ScoreRoles)-1] {
		micro.add(rep.Counts[role])
	}
	rep.Counts["micro_avg"] = micro
	return rep
}

// dedupTemplates drops gold templates identical to an earlier one.
func dedupTemplates(ts []MUC4Template) []MUC4Template {
	var out []MUC4Template
	seen := map[string]bool{}
	for _, t := range ts {
		k := fmt.Sprint(t.Type, t.Roles)
		if !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

// templateSize counts a template's fillers plus one for its type.
func templateSize(t MUC4Template) map[string]int {
	n := map[string]int{"incident_type": 1}
	for _, role := range MUC4Roles {
		n[role] = len(t.Roles[role])
	}
	return n
}

// pairCounts scores predicted template p against gold template g, or
// reports ok false when their types do not allow the pair.
func pairCounts(p, g MUC4Template) (map[string]MUC4Counts, bool) {
	pt := p.Type
	if pt == "" {
		pt = "attack"
	}
	if !strings.Contains(g.Type, pt) {
		return nil, false
	}
	out := map[string]MUC4Counts{"incident_type": {PCorrect: 1, RCorrect: 1}}
	for _, role := range MUC4Roles {
		var c MUC4Counts
		gold := make([]map[string]bool, len(g.Roles[role]))
		for i, ent := range g.Roles[role] {
			gold[i] = map[string]bool{}
			for _, m := range ent {
				gold[i][NormMention(m)] = true
			}
		}
		recalled := make([]bool, len(gold))
		for _, ent := range p.Roles[role] {
			hit := false
			for i, gm := range gold {
				all := len(ent) > 0
				for _, m := range ent {
					if !gm[NormMention(m)] {
						all = false
						break
					}
				}
				if all {
					hit = true
					recalled[i] = true
				}
			}
			if hit {
				c.PCorrect++
			}
		}
		for _, r := range recalled {
			if r {
				c.RCorrect++
			}
		}
		out[role] = c
	}
	return out, true
}

// scoreMUC4Doc finds the alignment with the best F1 for one document. The
// denominators do not depend on the alignment (every predicted filler is
// in the precision total, every gold one in the recall total), so only
// the numerators are searched.
func scoreMUC4Doc(gold, pred []MUC4Template) map[string]MUC4Counts {
	out := map[string]MUC4Counts{}
	for _, t := range pred {
		for role, n := range templateSize(t) {
			c := out[role]
			c.PTotal += n
			out[role] = c
		}
	}
	for _, t := range gold {
		for role, n := range templateSize(t) {
			c := out[role]
			c.RTotal += n
			out[role] = c
		}
	}
	pairs := make([][]map[string]MUC4Counts, len(pred))
	for i, p := range pred {
		pairs[i] = make([]map[string]MUC4Counts, len(gold))
		for j, g := range gold {
			if c, ok := pairCounts(p, g); ok {
				pairs[i][j] = c
			}
		}
	}
	total := func(m map[string]MUC4Counts) MUC4Counts {
		var t MUC4Counts
		for _, c := range m {
			t.add(c)
		}
		return t
	}
	var all MUC4Counts
	for _, c := range out {
		all.add(c)
	}
	f1 := func(pc, rc int) float64 {
		return MUC4Counts{PCorrect: pc, PTotal: all.PTotal, RCorrect: rc, RTotal: all.RTotal}.PRF().F1
	}
	// Depth-first over the predicted templates, each to an unused gold
	// template or to none; the work is bounded because a document has few
	// templates (at most 9 gold in MUC-4), and a search that grows too
	// large falls back to taking each template's best free partner.
	best, bestF := make([]int, len(pred)), -1.0
	cur := make([]int, len(pred))
	used := make([]bool, len(gold))
	budget := 200000
	var dfs func(i, pc, rc int)
	dfs = func(i, pc, rc int) {
		budget--
		if i == len(pred) {
			if f := f1(pc, rc); f > bestF {
				bestF = f
				copy(best, cur)
			}
			return
		}
		cur[i] = -1
		dfs(i+1, pc, rc)
		for j := range gold {
			if used[j] || pairs[i][j] == nil || budget < 0 {
				continue
			}
			t := total(pairs[i][j])
			used[j], cur[i] = true, j
			dfs(i+1, pc+t.PCorrect, rc+t.RCorrect)
			used[j], cur[i] = false, -1
		}
	}
	dfs(0, 0, 0)
	for i, j := range best {
		if j < 0 {
			continue
		}
		for role, c := range pairs[i][j] {
			o := out[role]
			o.PCorrect += c.PCorrect
			o.RCorrect += c.RCorrect
			out[role] = o
		}
	}
	return out
}
