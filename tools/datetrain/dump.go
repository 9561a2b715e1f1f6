package main

import (
	"crypto/sha1"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
)

// dump sorts every scored gva article's main-event date into a cause
// (right, no event, a main event that is not violent, no day in the text,
// the incident's day written but not a candidate, not written at all,
// ranked below another) and prints the counts; with show > 0 it also
// prints that many examples of the cause named by only (all when empty).
// With half 1 or 2 it looks at that half of the set only, as `sitrep eval
// gva --half` splits it. Each candidate is printed with its score under
// the committed weights, "=>" marking the one the ranker picks.
func dump(set *eval.GVASet, show int, only string, half int) {
	type row struct{ cause, id, line string }
	// The committed weights, to mark the candidate the ranker picks ("=>")
	// and print each candidate's score.
	var w []float64
	if b, err := os.ReadFile("internal/extract/rules/date_weights.txt"); err == nil {
		w, _ = extract.ParseDateWeights(string(b))
	}
	var mu sync.Mutex
	var rows []row
	set.RunGVA(func(a eval.GVAArticle) eval.GVAPrediction {
		if h := sha1.Sum([]byte(a.IncidentID)); half != 0 && int(h[0]%2)+1 != half {
			return eval.GVAPrediction{}
		}
		gold := set.Incidents[a.IncidentID].Date
		art, err := article.Read(a.ID, []byte(a.Title+"\n\n"+a.Text), article.Options{Format: "text"})
		if err != nil && art.Text == "" {
			mu.Lock()
			rows = append(rows, row{"unreadable", a.ID, ""})
			mu.Unlock()
			return eval.GVAPrediction{}
		}
		pageDates := art.Published.Format("2006-01-02") + "/" + art.Updated.Format("2006-01-02")
		art.Title, art.URL = a.Title, a.URL
		pub, _ := time.Parse("2006-01-02", a.Published)
		d := extract.DiagnoseDate(art, extract.Options{Published: pub})
		got := ""
		if d.Date != nil && d.Date.Precision == "day" {
			got = d.Date.Start
		}
		g, _ := time.Parse("2006-01-02", gold)
		delta := int(pub.Sub(g).Hours() / 24)
		written, candidate := false, false
		for _, x := range d.Days {
			written = written || x.Date.Start == gold
		}
		for _, c := range d.Choices {
			candidate = candidate || c.Date.Start == gold
		}
		var cause string
		switch {
		case got == gold:
			cause = "right"
		case d.Events == 0:
			cause = "no_event"
		case !d.MainViolent && written:
			cause = "not_violent/day_written"
		case !d.MainViolent:
			cause = "not_violent/day_not_written"
		case len(d.Days) == 0:
			cause = fmt.Sprintf("violent/no_day_in_text/pub-gold=%s", bucket(delta))
		case candidate:
			cause = "violent/ranked_wrong"
		case written:
			cause = "violent/written_not_candidate"
		default:
			cause = fmt.Sprintf("violent/not_written/pub-gold=%s", bucket(delta))
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s gold %s got %q pub %s page %s main %s/%s title %q\n", a.ID, gold, got, a.Published, pageDates, d.MainType, d.MainSubtype, a.Title)
		for _, x := range d.Days {
			mark := " "
			if x.Date.Start == gold {
				mark = "*"
			}
			fmt.Fprintf(&b, "   %s %s p%d %q | %.160s\n", mark, x.Date.Start, x.Para, x.Date.Text, strings.Join(strings.Fields(x.Sentence), " "))
		}
		best := -1
		if w != nil {
			best = extract.BestDate(d.Choices, w)
		}
		for k, c := range d.Choices {
			var on []string
			for j, x := range c.Features {
				if x != 0 {
					on = append(on, extract.DateFeatureNames()[j])
				}
			}
			mark := " "
			if c.Date.Start == gold {
				mark = "*"
			}
			if k == best {
				mark += "=>"
			} else {
				mark += "  "
			}
			score := 0.0
			if w != nil {
				score = extract.ScoreDate(w, c.Features)
			}
			fmt.Fprintf(&b, "   %s cand %s %+.2f %q: %s\n", mark, c.Date.Start, score, c.Date.Text, strings.Join(on, " "))
		}
		if len(d.Days) == 0 {
			t := strings.Join(strings.Fields(art.Text), " ")
			fmt.Fprintf(&b, "   text: %.300s\n", t)
		}
		mu.Lock()
		rows = append(rows, row{cause, a.ID, b.String()})
		mu.Unlock()
		return eval.GVAPrediction{}
	})
	sort.Slice(rows, func(i, j int) bool { return rows[i].id < rows[j].id })
	count := map[string]int{}
	for _, r := range rows {
		count[r.cause]++
	}
	var causes []string
	for c := range count {
		causes = append(causes, c)
	}
	sort.Slice(causes, func(i, j int) bool { return count[causes[i]] > count[causes[j]] })
	for _, c := range causes {
		fmt.Fprintf(os.Stdout, "%5d %s\n", count[c], c)
	}
	if show <= 0 {
		return
	}
	n := 0
	for _, r := range rows {
		if r.cause == "right" && only != "right" || only != "" && !strings.HasPrefix(r.cause, only) || n >= show {
			continue
		}
		n++
		fmt.Printf("\n[%s] %s", r.cause, r.line)
	}
}

// bucket names a day difference roughly.
func bucket(d int) string {
	switch {
	case d < 0:
		return "neg"
	case d <= 2:
		return fmt.Sprint(d)
	case d <= 7:
		return "3-7"
	case d <= 31:
		return "8-31"
	}
	return ">31"
}
