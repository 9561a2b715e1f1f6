package server

import (
	"fmt"
	"slices"
	"time"

	"sitrep/internal/store"
)

// The timeline is drawn on the server as SVG: two stacked bar charts, of
// incidents and of deaths per period, a colour per event type. Drawing it
// here keeps the page free of a charting library and working without
// JavaScript; the numbers come straight from CountIncidents.

// chartWidth and chartHeight are one panel's viewBox.
const (
	chartWidth  = 1000.0
	chartHeight = 140.0
	// maxPeriods is the most bars a panel draws; beyond it the timeline
	// counts by month instead of week.
	maxPeriods = 260
	// minPeriods is the fewest bar slots a panel is divided into.
	minPeriods = 12
)

// bar is one rectangle of a stacked bar.
type bar struct {
	X, Y, W, H float64
	Class      string // "t-" + event type, coloured by app.css
	Title      string // tooltip: period, type, value
}

// panel is one chart of the timeline.
type panel struct {
	Label string
	Max   int
	Bars  []bar
}

// timeline is both panels, the period they count by and their span.
type timeline struct {
	Period      string // "week" or "month"
	First, Last string
	Panels      []panel
	Types       []string // the legend, in stacking order
	Empty       bool
}

// periods lists every period from first to last (keys as CountIncidents
// writes them), so that quiet weeks show as gaps rather than vanish.
func periods(by, first, last string) []string {
	var out []string
	switch by {
	case store.ByWeek:
		a, err1 := time.Parse(time.DateOnly, first)
		b, err2 := time.Parse(time.DateOnly, last)
		if err1 != nil || err2 != nil {
			return []string{first}
		}
		for d := a; !d.After(b) && len(out) <= 10*maxPeriods; d = d.AddDate(0, 0, 7) {
			out = append(out, d.Format(time.DateOnly))
		}
	case store.ByMonth:
		a, err1 := time.Parse("2006-01", first)
		b, err2 := time.Parse("2006-01", last)
		if err1 != nil || err2 != nil {
			return []string{first}
		}
		for d := a; !d.After(b) && len(out) <= 10*maxPeriods; d = d.AddDate(0, 1, 0) {
			out = append(out, d.Format("2006-01"))
		}
	}
	return out
}

// buildTimeline lays out buckets keyed (period, type).
func buildTimeline(by string, buckets []store.Bucket) timeline {
	tl := timeline{Period: by}
	if len(buckets) == 0 {
		tl.Empty = true
		return tl
	}
	first, last := buckets[0].Keys[0], buckets[0].Keys[0]
	typeTotal := map[string]int{}
	for _, b := range buckets {
		first, last = min(first, b.Keys[0]), max(last, b.Keys[0])
		typeTotal[b.Keys[1]] += b.Incidents
	}
	tl.First, tl.Last = first, last
	for t := range typeTotal {
		tl.Types = append(tl.Types, t)
	}
	// Most frequent type at the bottom, so the stacks read steadily.
	slices.SortFunc(tl.Types, func(a, b string) int {
		if typeTotal[a] != typeTotal[b] {
			return typeTotal[b] - typeTotal[a]
		}
		if a < b {
			return -1
		}
		return 1
	})
	ps := periods(by, first, last)
	index := map[string]int{}
	for i, p := range ps {
		index[p] = i
	}
	type cell struct{ incidents, killed int }
	grid := make([]map[string]cell, len(ps))
	for _, b := range buckets {
		i, ok := index[b.Keys[0]]
		if !ok {
			continue
		}
		if grid[i] == nil {
			grid[i] = map[string]cell{}
		}
		c := grid[i][b.Keys[1]]
		grid[i][b.Keys[1]] = cell{c.incidents + b.Incidents, c.killed + b.Killed}
	}
	// At least minPeriods slots, so that a lone week is a bar, not a wall.
	w := chartWidth / float64(max(len(ps), minPeriods))
	for k, label := range []string{"incidents", "killed"} {
		value := func(c cell) int {
			if k == 0 {
				return c.incidents
			}
			return c.killed
		}
		p := panel{Label: label}
		for _, g := range grid {
			sum := 0
			for _, c := range g {
				sum += value(c)
			}
			p.Max = max(p.Max, sum)
		}
		if p.Max > 0 {
			for i, g := range grid {
				y := chartHeight
				for _, t := range tl.Types {
					v := value(g[t])
					if v == 0 {
						continue
					}
					h := float64(v) / float64(p.Max) * (chartHeight - 4)
					y -= h
					p.Bars = append(p.Bars, bar{X: float64(i) * w, Y: y, W: max(w*0.9, 0.5), H: h, Class: "t-" + t,
						Title: fmt.Sprintf("%s %s: %d %s", ps[i], typeLabel(t), v, label)})
				}
			}
		}
		tl.Panels = append(tl.Panels, p)
	}
	return tl
}
