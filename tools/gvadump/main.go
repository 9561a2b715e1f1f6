// Command gvadump prints, for each gva article whose main event gets the
// killed or injured count wrong, the archive's counts, the extractor's,
// and the reasons behind the extractor's (the casualty phrases and the
// sentences they came from): the material for error analysis of counts.
//
//	go run ./tools/gvadump --data ../shared/eval/gva                 # every count miss
//	go run ./tools/gvadump --data ../shared/eval/gva --half a --sum  # one half, summary only
//
// --half splits the set by incident (FNV hash of the incident id, even:
// a, odd: b), so that rules can be written while reading one half and
// checked on the other; --half 1 or 2 gives the halves of `sitrep eval
// gva --half` (sha1 of the incident id) instead.
package main

import (
	"crypto/sha1"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"strings"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
)

// halfArg is the --half flag: halfOf splits by it.
var halfArg string

type row struct {
	a               eval.GVAArticle
	inc             eval.GVAIncident
	events          int
	killed, injured int
	hasK, hasI      bool
	why             []extract.Reason
	typ             string
	others          []string // the secondary events, one line each (--others)
}

func main() {
	data := flag.String("data", "../shared/eval/gva", "gva evaluation set directory")
	half := flag.String("half", "", "a or b: only incidents of that half (by FNV hash of the incident id); 1 or 2: the halves of `sitrep eval gva --half`")
	sum := flag.Bool("sum", false, "print the scores only")
	field := flag.String("field", "", "killed or injured: only misses of that field")
	others := flag.Bool("others", false, "also print the secondary events' type, date and counts, to find counts attached to the wrong event")
	tsv := flag.Bool("tsv", false, "print one line per article: id, got killed, got injured (- when untold), want killed, want injured, main event type")
	flag.Parse()
	halfArg = *half
	set, err := eval.LoadGVA(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gvadump:", err)
		os.Exit(1)
	}
	var todo []eval.GVAArticle
	for _, a := range set.Articles {
		inc, ok := set.Incidents[a.IncidentID]
		if !ok || !inc.HasMetadata || a.Boilerplate {
			continue
		}
		if *half != "" && halfOf(a.IncidentID) != *half {
			continue
		}
		todo = append(todo, a)
	}
	rows := make([]row, len(todo))
	eval.Each(len(todo), func(i int) { rows[i] = code(todo[i], set.Incidents[todo[i].IncidentID]) }, nil)
	var kOK, iOK int
	var kSE, iSE float64
	for _, r := range rows {
		kd, id := r.killed-r.inc.Killed, r.injured-r.inc.Injured
		kSE += float64(kd * kd)
		iSE += float64(id * id)
		if kd == 0 {
			kOK++
		}
		if id == 0 {
			iOK++
		}
		if *tsv {
			fmt.Printf("%s\t%s\t%s\t%d\t%d\t%s\n", r.a.ID, told(r.killed, r.hasK), told(r.injured, r.hasI), r.inc.Killed, r.inc.Injured, r.typ)
			continue
		}
		if *sum || kd == 0 && id == 0 || *field == "killed" && kd == 0 || *field == "injured" && id == 0 {
			continue
		}
		fmt.Printf("=== %s  killed %d want %d  injured %d want %d  events %d %s\n", r.a.ID, r.killed, r.inc.Killed, r.injured, r.inc.Injured, r.events, r.typ)
		fmt.Printf("    title: %s\n", r.a.Title)
		for _, w := range r.why {
			if w.Field != "killed" && w.Field != "wounded" && w.Field != "shot" {
				continue
			}
			s := strings.Join(strings.Fields(w.Sentence), " ")
			if len(s) > 300 {
				s = s[:300] + "..."
			}
			fmt.Printf("    %s=%s  %s\n        | %s\n", w.Field, w.Value, w.Rule, s)
		}
		if *others {
			for _, o := range r.others {
				fmt.Println("    other:", o)
			}
		}
	}
	n := float64(len(rows))
	fmt.Printf("articles %d  killed %.3f (%d) RMSE %.2f  injured %.3f (%d) RMSE %.2f\n",
		len(rows), float64(kOK)/n, kOK, sqrt(kSE/n), float64(iOK)/n, iOK, sqrt(iSE/n))
}

func told(n int, ok bool) string {
	if !ok {
		return "-"
	}
	return fmt.Sprint(n)
}

func sqrt(x float64) float64 {
	z := x
	if z == 0 {
		return 0
	}
	for range 50 {
		z = (z + x/z) / 2
	}
	return z
}

func halfOf(id string) string {
	if half := halfArg; half == "1" || half == "2" {
		// the halves of `sitrep eval gva --half 1|2`: the first byte of
		// the sha1 of the incident id, even 1, odd 2
		h := sha1.Sum([]byte(id))
		return fmt.Sprint(h[0]%2 + 1)
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%2 == 0 {
		return "a"
	}
	return "b"
}

// code runs the pipeline as 'sitrep eval gva' does and keeps the main
// event's counts and reasons.
func code(a eval.GVAArticle, inc eval.GVAIncident) row {
	r := row{a: a, inc: inc}
	art, err := article.Read(a.ID, []byte(a.Title+"\n\n"+a.Text), article.Options{Format: "text"})
	if err != nil && art.Text == "" {
		return r
	}
	art.Title = a.Title
	art.URL = a.URL
	pub, _ := time.Parse("2006-01-02", a.Published)
	res := extract.Extract(art, extract.Options{Published: pub})
	r.events = len(res.Events)
	if len(res.Events) == 0 {
		r.typ = "NOEVENT"
		return r
	}
	ev := res.Events[0]
	r.typ = ev.Subtype
	if ev.Killed != nil {
		r.killed, r.hasK = ev.Killed.Min, true
	}
	if ev.Wounded != nil {
		r.injured, r.hasI = ev.Wounded.Min, true
	}
	if len(res.Why) > 0 {
		r.why = res.Why[0]
	}
	for _, o := range res.Events[1:] {
		line := o.Subtype
		if o.Date != nil {
			line += " " + o.Date.Start
		}
		if o.Killed != nil {
			line += " killed=" + o.Killed.String()
		}
		if o.Wounded != nil {
			line += " wounded=" + o.Wounded.String()
		}
		if len(o.Evidence) > 0 {
			e := strings.Join(strings.Fields(o.Evidence[0].Text), " ")
			if len(e) > 160 {
				e = e[:160] + "..."
			}
			line += " | " + e
		}
		r.others = append(r.others, line)
	}
	return r
}
