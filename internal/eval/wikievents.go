package eval

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
)

// WikiEventsDoc is one WikiEvents document: its sentences as token lists
// and the Conflict.Attack events with their gold arguments.
type WikiEventsDoc struct {
	ID        string
	Sentences []WikiSentence
	Events    []WikiEvent
}

// WikiSentence is a sentence's text and its tokens, each as a byte span
// of Text; First is the document index of its first token.
type WikiSentence struct {
	Text   string
	Tokens [][2]int
	First  int
}

// WikiEvent is one gold event: type, trigger and arguments, token spans
// in document token indices (end exclusive).
type WikiEvent struct {
	Type      string
	Sent      int
	TrigStart int
	TrigEnd   int
	Arguments []WikiArg
}

// WikiArg is an argument: a role and a token span.
type WikiArg struct {
	Role       string
	Start, End int // document token indices, end exclusive
}

// LoadWikiEvents reads ../shared/eval/wikievents/dev.jsonl, keeping the
// events whose type starts with prefix ("Conflict.Attack").
func LoadWikiEvents(dir, prefix string) ([]WikiEventsDoc, error) {
	var docs []WikiEventsDoc
	err := eachJSONLine(filepath.Join(dir, "dev.jsonl"), func(dec func(any) error) error {
		var r struct {
			DocID     string            `json:"doc_id"`
			Sentences []json.RawMessage `json:"sentences"`
			Entities  []struct {
				ID         string `json:"id"`
				Start, End int
			} `json:"entity_mentions"`
			Events []struct {
				Type    string `json:"event_type"`
				Trigger struct {
					Start, End int
					Sent       int `json:"sent_idx"`
				} `json:"trigger"`
				Arguments []struct {
					EntityID string `json:"entity_id"`
					Role     string `json:"role"`
				} `json:"arguments"`
			} `json:"event_mentions"`
		}
		if err := dec(&r); err != nil {
			return err
		}
		d := WikiEventsDoc{ID: r.DocID}
		first := 0
		for i, raw := range r.Sentences {
			var pair []json.RawMessage
			var toks [][]any
			var text string
			if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
				return fmt.Errorf("%s: sentence %d: not a [tokens, text] pair", r.DocID, i)
			}
			if err := json.Unmarshal(pair[0], &toks); err != nil {
				return fmt.Errorf("%s: sentence %d tokens: %w", r.DocID, i, err)
			}
			if err := json.Unmarshal(pair[1], &text); err != nil {
				return fmt.Errorf("%s: sentence %d text: %w", r.DocID, i, err)
			}
			s := WikiSentence{Text: text, First: first}
			pos := 0
			for _, t := range toks {
				w, _ := t[0].(string)
				k := strings.Index(text[pos:], w)
				if w == "" || k < 0 {
					k = 0 // a token the text does not spell: an empty span
					s.Tokens = append(s.Tokens, [2]int{pos, pos})
					continue
				}
				s.Tokens = append(s.Tokens, [2]int{pos + k, pos + k + len(w)})
				pos += k + len(w)
			}
			first += len(toks)
			d.Sentences = append(d.Sentences, s)
		}
		ents := map[string][2]int{}
		for _, e := range r.Entities {
			ents[e.ID] = [2]int{e.Start, e.End}
		}
		for _, e := range r.Events {
			if !strings.HasPrefix(e.Type, prefix) {
				continue
			}
			ev := WikiEvent{Type: e.Type, Sent: e.Trigger.Sent, TrigStart: e.Trigger.Start, TrigEnd: e.Trigger.End}
			for _, a := range e.Arguments {
				sp, ok := ents[a.EntityID]
				if !ok {
					return fmt.Errorf("%s: argument names unknown entity %q", r.DocID, a.EntityID)
				}
				ev.Arguments = append(ev.Arguments, WikiArg{Role: a.Role, Start: sp[0], End: sp[1]})
			}
			d.Events = append(d.Events, ev)
		}
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// Token returns the lower-cased token at document index i.
func (d WikiEventsDoc) Token(i int) string {
	for _, s := range d.Sentences {
		if i >= s.First && i < s.First+len(s.Tokens) {
			t := s.Tokens[i-s.First]
			return strings.ToLower(s.Text[t[0]:t[1]])
		}
	}
	return ""
}

// headStops end the head search: the head of "members of the front" is
// "members", of "the blast at the market" "blast".
var headStops = map[string]bool{"of": true, "in": true, "at": true, "on": true, "from": true, "near": true,
	"with": true, "by": true, "for": true, "to": true, "who": true, "which": true, "that": true, ",": true, "(": true}

// Head approximates the syntactic head of a token span as the last token
// before the first preposition, relative pronoun or comma after the first
// word: English noun phrases end in their head. A leading "the/a/an" is
// dropped first, as the scorer does for gold spans.
func (d WikiEventsDoc) Head(start, end int) int {
	for start < end-1 {
		w := d.Token(start)
		if w != "the" && w != "a" && w != "an" {
			break
		}
		start++
	}
	h := start
	for i := start + 1; i < end; i++ {
		if headStops[d.Token(i)] {
			break
		}
		h = i
	}
	return h
}

// WikiPrediction is a predicted argument of a gold event.
type WikiPrediction struct {
	Role       string
	Start, End int // document token indices, end exclusive
}

// WikiReport holds argument identification and classification counts,
// head-matched, over the gold events of the chosen types.
type WikiReport struct {
	Docs, Events, Gold, Predicted int
	IdentCorrect, ClassCorrect    int
	ByRole                        map[string]*MUC4Counts // classification counts per role
}

// Ident and Class give P, R and F1 of argument identification (head and
// event type match) and classification (and the role too).
func (r WikiReport) Ident() PRF {
	return MUC4Counts{PCorrect: r.IdentCorrect, PTotal: r.Predicted, RCorrect: r.IdentCorrect, RTotal: r.Gold}.PRF()
}

// Class is the head-match argument classification score.
func (r WikiReport) Class() PRF {
	return MUC4Counts{PCorrect: r.ClassCorrect, PTotal: r.Predicted, RCorrect: r.ClassCorrect, RTotal: r.Gold}.PRF()
}

// ScoreWikiEvents scores predict, given each gold event (its trigger), by
// gen-arg's rule with --head-only: a predicted argument is (head token,
// event type, role); identification ignores the role. Each gold argument
// is matched at most once.
func ScoreWikiEvents(docs []WikiEventsDoc, predict func(WikiEventsDoc, WikiEvent) []WikiPrediction) WikiReport {
	rep := WikiReport{Docs: len(docs), ByRole: map[string]*MUC4Counts{}}
	role := func(r string) *MUC4Counts {
		if rep.ByRole[r] == nil {
			rep.ByRole[r] = &MUC4Counts{}
		}
		return rep.ByRole[r]
	}
	for _, d := range docs {
		for _, ev := range d.Events {
			rep.Events++
			type key struct {
				head int
				role string
			}
			gold := map[key]int{}
			goldHeads := map[int]int{}
			for _, a := range ev.Arguments {
				h := d.Head(a.Start, a.End)
				gold[key{h, a.Role}]++
				goldHeads[h]++
				rep.Gold++
				role(a.Role).RTotal++
			}
			for _, p := range predict(d, ev) {
				rep.Predicted++
				role(p.Role).PTotal++
				h := d.Head(p.Start, p.End)
				if goldHeads[h] > 0 {
					goldHeads[h]--
					rep.IdentCorrect++
				}
				if k := (key{h, p.Role}); gold[k] > 0 {
					gold[k]--
					rep.ClassCorrect++
					role(p.Role).PCorrect++
					role(p.Role).RCorrect++
				}
			}
		}
	}
	return rep
}
