package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"sitrep/internal/eval"
	"sitrep/internal/extract"
	"sitrep/internal/nlp"
)

func init() {
	registerEval("wikievents", env.cmdEvalWikiEvents)
}

// wikiPredict fills the arguments of one gold Conflict.Attack event from
// its trigger's sentence with extract's argument and place rules: the
// attacker (perpetrators), the target (targets and victims), the weapon
// (ExplosiveDevice for a detonation, else Instrument) and the place.
func wikiPredict(d eval.WikiEventsDoc, ev eval.WikiEvent) []eval.WikiPrediction {
	if ev.Sent < 0 || ev.Sent >= len(d.Sentences) {
		return nil
	}
	s := d.Sentences[ev.Sent]
	var out []eval.WikiPrediction
	add := func(role, name string, start int) {
		if start < 0 {
			start = strings.Index(s.Text, name)
		}
		if start < 0 || name == "" {
			return
		}
		end := start + len(name)
		first, last := -1, -1
		for i, t := range s.Tokens {
			if t[0] >= start && t[1] <= end && t[1] > t[0] {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first >= 0 {
			out = append(out, eval.WikiPrediction{Role: role, Start: s.First + first, End: s.First + last + 1})
		}
	}
	a := extract.SentenceArguments(s.Text)
	for _, p := range a.Perpetrators {
		add("Attacker", p.Name, -1)
	}
	for _, p := range append(a.Targets, a.Victims...) {
		add("Target", p.Name, -1)
	}
	weapon := "Instrument"
	if strings.HasSuffix(ev.Type, "DetonateExplode") {
		weapon = "ExplosiveDevice"
	}
	for _, w := range a.Weapons {
		add(weapon, w, -1)
	}
	// A sentence may tell several events in several places: the place
	// nearest the trigger is this event's.
	trig := 0
	if k := ev.TrigStart - s.First; k >= 0 && k < len(s.Tokens) {
		trig = s.Tokens[k][0]
	}
	var best *extract.PlaceMention
	for _, pm := range extract.PlaceMentions(s.Text, nlp.Span{Start: 0, End: len(s.Text)}) {
		if best == nil || abs(pm.Start-trig) < abs(best.Start-trig) {
			best = &pm
		}
	}
	if best != nil {
		add("Place", best.Name, best.Start)
	}
	return out
}

func (e env) cmdEvalWikiEvents(args []string) int {
	f := e.newEvalFlags("wikievents", "wikievents", "usage: sitrep eval wikievents --data DIR [--json]\n\nFills the arguments (Attacker, Target, Instrument/ExplosiveDevice, Place) of\neach gold Conflict.Attack event of WikiEvents from its trigger's sentence and\nscores them by gen-arg's rule with head matching: argument identification\nand classification P/R/F1.",
		0, "unused")
	dir, ok := f.parse(args)
	if !ok {
		return 2
	}
	docs, err := eval.LoadWikiEvents(dir, "Conflict.Attack")
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
	rep := eval.ScoreWikiEvents(docs, wikiPredict)
	if *f.asJSON {
		id, cl := rep.Ident(), rep.Class()
		json.NewEncoder(e.stdout).Encode(map[string]any{
			"docs": rep.Docs, "events": rep.Events, "gold": rep.Gold, "predicted": rep.Predicted,
			"ident": map[string]float64{"p": id.P, "r": id.R, "f1": id.F1},
			"class": map[string]float64{"p": cl.P, "r": cl.R, "f1": cl.F1},
		})
		return 0
	}
	printWikiReport(e.stdout, rep)
	return 0
}

func printWikiReport(w io.Writer, r eval.WikiReport) {
	fmt.Fprintf(w, "wikievents: %d documents, %d Conflict.Attack events, %d gold arguments, %d predicted (head match)\n", r.Docs, r.Events, r.Gold, r.Predicted)
	id, cl := r.Ident(), r.Class()
	fmt.Fprintf(w, "  arg identification  P %5.1f  R %5.1f  F1 %5.1f\n", 100*id.P, 100*id.R, 100*id.F1)
	fmt.Fprintf(w, "  arg classification  P %5.1f  R %5.1f  F1 %5.1f\n", 100*cl.P, 100*cl.R, 100*cl.F1)
	roles := make([]string, 0, len(r.ByRole))
	for k := range r.ByRole {
		roles = append(roles, k)
	}
	sort.Strings(roles)
	for _, k := range roles {
		c := r.ByRole[k]
		s := c.PRF()
		fmt.Fprintf(w, "    %-16s P %5.1f  R %5.1f  F1 %5.1f  (%d/%d predicted, %d/%d gold)\n", k, 100*s.P, 100*s.R, 100*s.F1, c.PCorrect, c.PTotal, c.RCorrect, c.RTotal)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
