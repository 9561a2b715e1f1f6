package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// TimexGold is one gold TIMEX3 of the tempeval3 set. Start and End are
// character (code point) offsets into the document text, as the set's
// README gives them.
type TimexGold struct {
	TID   string `json:"tid"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Text  string `json:"text"`
	Mod   string `json:"mod"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// TimexDoc is one document of the set: its text, creation time and gold
// expressions.
type TimexDoc struct {
	File   string      `json:"file"`
	Corpus string      `json:"corpus"`
	Doc    string      `json:"doc"`
	DCT    TimexGold   `json:"dct"`
	Text   string      `json:"text"`
	Timex  []TimexGold `json:"timex3"`
}

// Anchor parses the document creation time ("1998-01-08",
// "1998-02-06T22:29:00", "1990-08-15T13:37"); zero if it has none.
func (d TimexDoc) Anchor() time.Time {
	for _, f := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(f, d.DCT.Value); err == nil {
			return t
		}
	}
	return time.Time{}
}

// TimexSpan is one expression a system found: byte offsets into the text.
type TimexSpan struct {
	Start, End  int
	Type, Value string
}

// LoadTimexSet reads dir/timex.jsonl.
func LoadTimexSet(dir string) ([]TimexDoc, error) {
	f, err := os.Open(filepath.Join(dir, "timex.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []TimexDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var d TimexDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("timex.jsonl line %d: %v", n, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no documents", dir)
	}
	return docs, nil
}

// TimexMiss is one disagreement, kept to show where the system goes wrong.
type TimexMiss struct {
	Doc       string
	Kind      string // "missed" (gold not found), "spurious" (no gold), "extent", "value", "type"
	Gold, Sys string // the texts
	GoldValue string
	SysValue  string
	GoldType  string
	SysType   string
	DCT       string
	At        int // character offset of the gold (or, if spurious, system) expression
}

// TimexReport is the TempEval-3 entity score of a run.
type TimexReport struct {
	Docs, Gold, Sys    int
	Strict, Relaxed    int // matched pairs
	ValueOK, TypeOK    int // on relaxed matches
	StrictP, StrictR   float64
	StrictF1           float64
	RelaxedP, RelaxedR float64
	RelaxedF1          float64
	ValueAcc, TypeAcc  float64
	ValueF1, TypeF1    float64
	Misses             []TimexMiss
	MissCounts         map[string]int
	PerType            map[string][2]int // gold type -> relaxed matched, total
}

// ScoreTimex runs find on every document and scores it by the TempEval-3
// rule (evaluate_entities.py): a relaxed match shares at least one
// character with a gold expression, a strict one has the same extent;
// precision is matches over system expressions, recall matches over gold
// ones; value and type accuracy are counted on relaxed matches, and value
// F1 is value accuracy times relaxed F1. Gold and system expressions are
// paired one to one, each gold with the first unpaired system expression
// overlapping it (preferring an exact one).
func ScoreTimex(docs []TimexDoc, find func(text string, dct time.Time) []TimexSpan) TimexReport {
	rep := TimexReport{Docs: len(docs), MissCounts: map[string]int{}, PerType: map[string][2]int{}}
	for _, d := range docs {
		toChar := charIndex(d.Text)
		var sys []TimexSpan
		for _, s := range find(d.Text, d.Anchor()) {
			if s.Start < 0 || s.End > len(d.Text) || s.Start >= s.End {
				continue
			}
			s.Start, s.End = toChar[s.Start], toChar[s.End]
			sys = append(sys, s)
		}
		rep.Gold += len(d.Timex)
		rep.Sys += len(sys)
		used := make([]bool, len(sys))
		runes := []rune(d.Text)
		span := func(s, e int) string {
			if s < 0 || e > len(runes) || s > e {
				return ""
			}
			return string(runes[s:e])
		}
		for _, g := range d.Timex {
			best := -1
			for k, s := range sys {
				if used[k] || s.End <= g.Start || s.Start >= g.End {
					continue
				}
				if best < 0 || s.Start == g.Start && s.End == g.End {
					best = k
				}
			}
			pt := rep.PerType[g.Type]
			pt[1]++
			miss := TimexMiss{Doc: d.Doc, Gold: g.Text, GoldValue: g.Value, GoldType: g.Type, DCT: d.DCT.Value, At: g.Start}
			if best < 0 {
				miss.Kind = "missed"
				rep.add(miss)
				rep.PerType[g.Type] = pt
				continue
			}
			pt[0]++
			rep.PerType[g.Type] = pt
			used[best] = true
			s := sys[best]
			miss.Sys, miss.SysValue, miss.SysType = span(s.Start, s.End), s.Value, s.Type
			rep.Relaxed++
			if s.Start == g.Start && s.End == g.End {
				rep.Strict++
			} else {
				m := miss
				m.Kind = "extent"
				rep.add(m)
			}
			if s.Value == g.Value {
				rep.ValueOK++
			} else {
				m := miss
				m.Kind = "value"
				rep.add(m)
			}
			if s.Type == g.Type {
				rep.TypeOK++
			} else {
				m := miss
				m.Kind = "type"
				rep.add(m)
			}
		}
		for k, s := range sys {
			if !used[k] {
				rep.add(TimexMiss{Doc: d.Doc, Kind: "spurious", Sys: span(s.Start, s.End), SysValue: s.Value, SysType: s.Type, DCT: d.DCT.Value, At: s.Start})
			}
		}
	}
	rep.StrictP, rep.StrictR, rep.StrictF1 = prf(rep.Strict, rep.Sys, rep.Gold)
	rep.RelaxedP, rep.RelaxedR, rep.RelaxedF1 = prf(rep.Relaxed, rep.Sys, rep.Gold)
	if rep.Relaxed > 0 {
		rep.ValueAcc = float64(rep.ValueOK) / float64(rep.Relaxed)
		rep.TypeAcc = float64(rep.TypeOK) / float64(rep.Relaxed)
	}
	rep.ValueF1 = rep.ValueAcc * rep.RelaxedF1
	rep.TypeF1 = rep.TypeAcc * rep.RelaxedF1
	return rep
}

func (r *TimexReport) add(m TimexMiss) {
	r.Misses = append(r.Misses, m)
	r.MissCounts[m.Kind]++
}

func prf(tp, sys, gold int) (p, r, f float64) {
	if sys > 0 {
		p = float64(tp) / float64(sys)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// charIndex maps each byte offset of s (and len(s)) to its code point
// offset, since the gold offsets count characters and ours count bytes.
func charIndex(s string) []int {
	idx := make([]int, len(s)+1)
	c := 0
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < size; k++ {
			idx[i+k] = c
		}
		i += size
		c++
	}
	idx[len(s)] = c
	return idx
}

// WorstMisses groups the misses of one kind by the gold (or system) text,
// lower-cased, most frequent first: the patterns worth fixing.
func (r TimexReport) WorstMisses(kind string, n int) []TimexMissGroup {
	groups := map[string]*TimexMissGroup{}
	for _, m := range r.Misses {
		if m.Kind != kind {
			continue
		}
		key := strings.ToLower(m.Gold)
		if kind == "spurious" {
			key = strings.ToLower(m.Sys)
		}
		if kind == "value" {
			key += " | " + m.GoldValue + " | " + m.SysValue
		}
		g := groups[key]
		if g == nil {
			g = &TimexMissGroup{Key: key, Example: m}
			groups[key] = g
		}
		g.Count++
	}
	out := make([]TimexMissGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	if n >= 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// TimexMissGroup is a set of misses with the same text.
type TimexMissGroup struct {
	Key     string
	Count   int
	Example TimexMiss
}
