package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
)

// The incident tests put fictional reports, as sitrep's reader and
// extractor would give them, and read back the incidents the store merged.

// report is one fictional article and the event it codes.
type report struct {
	url, pub        string // pub: YYYY-MM-DD
	title, text     string
	date            string // the event's day; "" undated
	dateEnd         string // the last day of a date given as a span (a month); date alone when ""
	country, admin1 string
	city            string
	subtype         string
	killed, wounded *int
	perps, targets  []string // "name" or "name=Canonical Actor"
	certainty       string
}

func (r report) item() Item {
	pub, _ := time.Parse(time.DateOnly, r.pub)
	pub = pub.Add(9 * time.Hour)
	a := Article{Article: article.Article{Source: r.url, URL: r.url, Title: r.title, Text: r.text,
		Published: pub, Language: "en"}}
	ev := extract.Event{Type: extract.Subtypes[r.subtype], Subtype: r.subtype, Certainty: r.certainty}
	if ev.Certainty == "" {
		ev.Certainty = extract.Reported
	}
	if r.date != "" {
		ev.Date = &extract.Date{Start: r.date, End: r.date, Precision: "day", Text: "on Tuesday"}
		if r.dateEnd != "" {
			ev.Date.End, ev.Date.Precision, ev.Date.Text = r.dateEnd, "month", "in May"
		}
	}
	if r.country != "" {
		ev.Location = &extract.Location{Name: r.city, Country: r.country, Admin1: r.admin1, Precision: "city"}
		if r.city == "" {
			ev.Location.Name, ev.Location.Precision = r.admin1, "admin1"
		}
	}
	if r.killed != nil {
		ev.Killed = &extract.Count{Min: *r.killed}
	}
	if r.wounded != nil {
		ev.Wounded = &extract.Count{Min: *r.wounded}
	}
	part := func(s string) extract.Participant {
		name, actor, ok := strings.Cut(s, "=")
		p := extract.Participant{Name: name, Kind: "organization"}
		if ok {
			p.Actor = &actor
		}
		return p
	}
	for _, p := range r.perps {
		ev.Perpetrators = append(ev.Perpetrators, part(p))
	}
	for _, p := range r.targets {
		ev.Targets = append(ev.Targets, part(p))
	}
	ev.Evidence = []extract.Evidence{{Start: 0, End: min(len(r.text), 40), Text: r.text[:min(len(r.text), 40)]}}
	return Item{Article: a, Events: []extract.Event{ev}}
}

func putReports(t *testing.T, s Store, rs ...report) []int64 {
	t.Helper()
	items := make([]Item, len(rs))
	for i, r := range rs {
		items[i] = r.item()
	}
	res, err := s.PutArticles(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(res))
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("report %d: %v", i, r.Err)
		}
		ids[i] = r.ID
	}
	return ids
}

// allIncidents pages through QueryIncidents with a small page.
func allIncidents(t *testing.T, s Store, f IncidentFilter) []Incident {
	t.Helper()
	var out []Incident
	for pages := 0; ; pages++ {
		page, err := s.QueryIncidents(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Incidents...)
		if page.Next == "" {
			return out
		}
		if pages > 1000 {
			t.Fatal("pagination does not end")
		}
		f.Cursor = page.Next
	}
}

func sourceIDs(in Incident) []int64 {
	var ids []int64
	for _, s := range in.Sources {
		ids = append(ids, s.ArticleID)
	}
	slices.Sort(ids)
	return ids
}

const (
	bombText = "A car bomb exploded outside the Kessary grain exchange in Port Halvern on Tuesday, " +
		"killing 133 people, the provincial governor Idris Malvane said. The blast on Quay Street " +
		"wrecked the exchange and the customs office beside it; rescuers from the Saint Orla hospital " +
		"searched the rubble through the night."
	bombCopy  = "PORT HALVERN (Wire) - " + bombText + " Share this story."
	bombText2 = "The toll of Tuesday's bombing of the Kessary grain exchange in Port Halvern rose to 137, " +
		"governor Idris Malvane told reporters on Quay Street, as rescuers pulled more bodies from the " +
		"rubble of the exchange and the customs office."
	bombText3 = "Officials at the Saint Orla hospital said 143 people died in the Kessary grain exchange " +
		"bombing in Port Halvern, the deadliest attack in the province; governor Idris Malvane declared " +
		"three days of mourning."
	raidText = "Police raided a warehouse in the Dunmere district of Port Halvern on Tuesday and arrested " +
		"four men accused of smuggling rifles, a spokesman for the harbour police, Captain Arlen Voss, said. " +
		"No one was hurt in the raid on Tannery Lane."
	marchText = "Thousands of teachers marched through Lowfield on Friday demanding unpaid wages, " +
		"union leader Sefa Orrin said, in the third protest in the capital of Brenn province this month."
)

func bombReports() []report {
	return []report{
		{url: "https://harbour-times.example/bomb", pub: "2031-05-06", date: "2031-05-06",
			title: "Car bomb kills 133 at Port Halvern grain exchange", text: bombText,
			country: "ZZ", admin1: "Halvern", city: "Port Halvern", subtype: "suicide_bomb", killed: ip(133), wounded: ip(200),
			perps: []string{"gunmen"}, targets: []string{"Kessary grain exchange", "customs office=Customs Service of Zedland"}},
		{url: "https://daily-courier.example/toll", pub: "2031-05-07", date: "2031-05-06",
			title: "Port Halvern bombing toll rises to 137", text: bombText2,
			country: "ZZ", admin1: "Halvern", city: "Port Halvern", subtype: "remote_explosive_landmine_ied", killed: ip(137),
			perps: []string{"Halvern Liberation Front=Halvern Liberation Front"}},
		{url: "https://evening-post.example/mourning", pub: "2031-05-08", date: "2031-05-06",
			title: "143 dead in Kessary exchange bombing, hospital says", text: bombText3,
			country: "ZZ", admin1: "Halvern", city: "Port Halvern", subtype: "suicide_bomb", killed: ip(143), wounded: ip(210)},
	}
}

func ip(n int) *int { return &n }

func TestMergeOneAttackAcrossOutlets(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		bombs := bombReports()
		ids := putReports(t, s, bombs...)
		// A syndicated copy of the first report, and a raid the same day in
		// the same city, which is another incident.
		cp := bombs[0]
		cp.url, cp.pub, cp.text = "https://wire-mirror.example/copy", "2031-05-06", bombCopy
		raid := report{url: "https://harbour-times.example/raid", pub: "2031-05-06", date: "2031-05-06",
			title: "Four arrested in Port Halvern rifle smuggling raid", text: raidText,
			country: "ZZ", admin1: "Halvern", city: "Port Halvern", subtype: "arrests"}
		more := putReports(t, s, cp, raid)

		incs := allIncidents(t, s, IncidentFilter{Sort: "id"})
		if len(incs) != 2 {
			for _, in := range incs {
				t.Logf("incident %d: %s %v", in.ID, in.Subtype, sourceIDs(in))
			}
			t.Fatalf("%d incidents, want 2 (the bombing and the raid)", len(incs))
		}
		bomb := incs[0]
		if want := []int64{ids[0], ids[1], ids[2], more[0]}; !reflect.DeepEqual(sourceIDs(bomb), want) {
			t.Errorf("bombing sources %v, want %v", sourceIDs(bomb), want)
		}
		if want := []int64{more[1]}; !reflect.DeepEqual(sourceIDs(incs[1]), want) {
			t.Errorf("raid sources %v, want %v", sourceIDs(incs[1]), want)
		}
		// Latest report's toll is the best; the range spans all sources.
		jsonEqual(t, "killed", bomb.Killed, &extract.Count{Min: 133, Max: ip(143), Best: ip(143)})
		jsonEqual(t, "wounded", bomb.Wounded, &extract.Count{Min: 200, Max: ip(210), Best: ip(210)})
		if bomb.Subtype != "suicide_bomb" || bomb.Type != extract.ExplosionsRemoteViolence {
			t.Errorf("bombing type %s/%s, want the sub-type most reports give", bomb.Type, bomb.Subtype)
		}
		if bomb.Date == nil || bomb.Date.Start != "2031-05-06" || bomb.Location == nil || bomb.Location.Name != "Port Halvern" {
			t.Errorf("bombing date %+v place %+v", bomb.Date, bomb.Location)
		}
		if len(bomb.Perpetrators) != 2 || len(bomb.Targets) != 2 {
			t.Errorf("participants not the union: %+v / %+v", bomb.Perpetrators, bomb.Targets)
		}

		full, err := s.Incident(ctx, bomb.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The copy is a source but not a report: counted once.
		if len(full.Reports) != 3 || len(full.Sources) != 4 {
			t.Errorf("Incident: %d reports, %d sources; want 3 and 4", len(full.Reports), len(full.Sources))
		}
		for _, r := range full.Reports {
			if len(r.Event.Evidence) == 0 || r.Source.ArticleID == 0 || r.Source.Outlet == "" {
				t.Errorf("report without evidence or source: %+v", r)
			}
		}
		if _, err := s.Incident(ctx, 99999); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing incident: %v", err)
		}

		sim, err := s.SimilarArticles(ctx, ids[0], 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(sim) != 3 || sim[0].ArticleID != more[0] || !sim[0].NearDuplicate || sim[1].Shared != 1 || sim[1].NearDuplicate {
			t.Errorf("SimilarArticles = %+v; want the copy first, then the two other outlets", sim)
		}

		// Putting everything again changes nothing.
		before := allIncidents(t, s, IncidentFilter{Sort: "id"})
		putReports(t, s, append(bombs, cp, raid)...)
		after := allIncidents(t, s, IncidentFilter{Sort: "id"})
		jsonEqual(t, "incidents after re-ingest", after, before)
	})
}

func TestDistinctIncidentsStayApart(t *testing.T) {
	for _, tc := range []struct {
		name string
		rs   []report
	}{
		{"same day, same city, other story", []report{bombReports()[0], {url: "https://x.example/raid", pub: "2031-05-06",
			date: "2031-05-06", title: "Four arrested in Port Halvern rifle smuggling raid", text: raidText,
			country: "ZZ", admin1: "Halvern", city: "Port Halvern", subtype: "arrests"}}},
		{"same story, other country", []report{bombReports()[0], func() report {
			r := bombReports()[1]
			r.country = "YY"
			return r
		}()}},
		{"same story, weeks apart", []report{bombReports()[0], func() report {
			r := bombReports()[1]
			r.pub, r.date = "2031-08-20", "2031-08-19"
			return r
		}()}},
		{"tolls that contradict", []report{bombReports()[0], func() report {
			r := bombReports()[2]
			r.pub, r.killed = "2031-05-06", ip(2)
			return r
		}()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, dsn string) {
				s := open(t, dsn)
				putReports(t, s, tc.rs...)
				if incs := allIncidents(t, s, IncidentFilter{}); len(incs) != len(tc.rs) {
					t.Errorf("%d incidents, want %d", len(incs), len(tc.rs))
				}
			})
		})
	}
}

// TestMergeRetold checks that a follow-up published months after an
// incident, dated only to the month of it, is found by that month
// (cluster.SaidWindow) and joins it, in a later transaction than the
// incident's; dated to another month it stays apart.
func TestMergeRetold(t *testing.T) {
	trial := report{url: "https://harbour-times.example/trial", pub: "2031-11-03",
		title: "Trial opens over Kessary grain exchange bombing", text: "Three men went on trial in Port Halvern on Monday over the " +
			"car bombing of the Kessary grain exchange on Quay Street in May, in which the customs office beside it was wrecked.",
		country: "ZZ", admin1: "Halvern", city: "Port Halvern", subtype: "arrests"}
	for _, tc := range []struct {
		name, from, to string
		want           int
	}{
		{"the month of the bombing", "2031-05-01", "2031-05-31", 1},
		{"another month", "2031-07-01", "2031-07-31", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, dsn string) {
				s := open(t, dsn)
				putReports(t, s, bombReports()[0])
				r := trial
				r.date, r.dateEnd = tc.from, tc.to
				putReports(t, s, r)
				if incs := allIncidents(t, s, IncidentFilter{}); len(incs) != tc.want {
					t.Errorf("%d incidents, want %d", len(incs), tc.want)
				}
			})
		})
	}
}

func TestUpdateReMerges(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		bombs := bombReports()
		ids := putReports(t, s, bombs[0], bombs[1])
		incs := allIncidents(t, s, IncidentFilter{})
		if len(incs) != 1 {
			t.Fatalf("%d incidents, want 1", len(incs))
		}
		bomb := incs[0].ID

		// The second outlet corrects its story: it was about a march.
		r := bombs[1]
		r.title, r.text, r.subtype, r.killed, r.perps = "Teachers march in Lowfield", marchText, "peaceful_protest", nil, nil
		r.admin1, r.city, r.date = "Brenn", "Lowfield", "2031-05-09"
		it := r.item()
		it.Article.Updated = it.Article.Published.Add(time.Hour)
		res, err := s.PutArticle(ctx, it.Article, it.Events)
		if err != nil || res.Status != Updated || res.ID != ids[1] {
			t.Fatalf("update: %+v, %v", res, err)
		}
		incs = allIncidents(t, s, IncidentFilter{Sort: "id"})
		if len(incs) != 2 {
			t.Fatalf("%d incidents after the update, want 2", len(incs))
		}
		if incs[0].ID != bomb || !reflect.DeepEqual(sourceIDs(incs[0]), []int64{ids[0]}) {
			t.Errorf("bombing after the update: %d %v", incs[0].ID, sourceIDs(incs[0]))
		}
		jsonEqual(t, "bombing's toll recomputed", incs[0].Killed, &extract.Count{Min: 133, Max: ip(133), Best: ip(133)})
		if incs[1].Subtype != "peaceful_protest" {
			t.Errorf("march incident: %+v", incs[1])
		}

		// The first outlet's story is corrected away too: the bombing's
		// incident is left with no report and goes.
		r0 := bombs[0]
		r0.title, r0.text, r0.subtype, r0.killed, r0.wounded = "Teachers march in Lowfield for wages", marchText+" More marches are planned.", "peaceful_protest", nil, nil
		r0.admin1, r0.city, r0.date = "Brenn", "Lowfield", "2031-05-09"
		it = r0.item()
		it.Article.Updated = it.Article.Published.Add(time.Hour)
		if _, err := s.PutArticle(ctx, it.Article, it.Events); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Incident(ctx, bomb); !errors.Is(err, ErrNotFound) {
			t.Errorf("emptied incident: %v, want ErrNotFound", err)
		}
		incs = allIncidents(t, s, IncidentFilter{})
		if len(incs) != 1 || len(incs[0].Sources) != 2 {
			t.Errorf("after both corrections: %d incidents; want one march with both sources", len(incs))
		}
	})
}

// corpus is a set of incidents for the query tests: n cities × days, each
// incident reported by one or two outlets.
func corpus(n int) []report {
	var rs []report
	for i := range n {
		city := fmt.Sprintf("Town%d", i)
		day := time.Date(2031, 1, 1+i%40, 0, 0, 0, 0, time.UTC)
		r := report{url: fmt.Sprintf("https://c.example/%d", i), pub: day.Format(time.DateOnly), date: day.Format(time.DateOnly),
			title: fmt.Sprintf("Attack number %d in %s", i, city),
			// A unique word in every three, so no two texts share a shingle
			// and none is a near-duplicate of another.
			text: strings.ReplaceAll(fmt.Sprintf("Gunmen W attacked the W village of Q%dx near %s W killing %d W herders said W chief Z%dz of W the Y%dy W clan.",
				i, city, i%9, i, i), "W", fmt.Sprintf("w%dw", i)),
			country: []string{"ZZ", "YY"}[i%2], admin1: fmt.Sprintf("Prov%d", i%3), city: city,
			subtype: []string{"attack", "armed_clash", "air_drone_strike"}[i%3], killed: ip(i % 9),
			perps: []string{[]string{"Red Hand=Red Hand Brigade", "bandits"}[i%2]}, targets: []string{"herders"}}
		if i%5 == 0 {
			r.date = ""
		}
		rs = append(rs, r)
	}
	return rs
}

func TestQueryIncidentsPagination(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		putReports(t, s, corpus(60)...)
		all := allIncidents(t, s, IncidentFilter{Limit: 1000})
		if len(all) != 60 {
			t.Fatalf("%d incidents, want 60", len(all))
		}
		for _, sort := range []string{"", "date", "-date", "killed", "reports", "id"} {
			for _, limit := range []int{1, 7, 60} {
				got := allIncidents(t, s, IncidentFilter{Sort: sort, Limit: limit})
				seen := map[int64]bool{}
				for _, in := range got {
					if seen[in.ID] {
						t.Errorf("sort %q limit %d: incident %d twice", sort, limit, in.ID)
					}
					seen[in.ID] = true
				}
				if len(got) != len(all) {
					t.Errorf("sort %q limit %d: %d incidents, want %d", sort, limit, len(got), len(all))
				}
				if !sorted(got, sort) {
					t.Errorf("sort %q limit %d: out of order", sort, limit)
				}
			}
		}
		if _, err := s.QueryIncidents(context.Background(), IncidentFilter{Sort: "killed", Cursor: "bm90IGEgY3Vyc29y"}); err == nil {
			t.Error("a bad cursor was accepted")
		}
		page, _ := s.QueryIncidents(context.Background(), IncidentFilter{Sort: "killed", Limit: 2})
		if _, err := s.QueryIncidents(context.Background(), IncidentFilter{Sort: "date", Cursor: page.Next}); err == nil {
			t.Error("a cursor of another sort was accepted")
		}
	})
}

// sorted checks the order of one sort: NULLs (no date, no toll) last.
func sorted(incs []Incident, sort string) bool {
	key := func(in Incident) (string, bool) {
		switch sort {
		case "", "date", "-date":
			if in.Date == nil {
				return "", false
			}
			return in.Date.Start, true
		case "killed":
			if in.Killed == nil || in.Killed.Best == nil {
				return "", false
			}
			return fmt.Sprintf("%09d", *in.Killed.Best), true
		}
		return "", false
	}
	for i := 1; i < len(incs); i++ {
		a, b := incs[i-1], incs[i]
		ka, oka := key(a)
		kb, okb := key(b)
		switch sort {
		case "id":
			if a.ID >= b.ID {
				return false
			}
		case "reports":
			if len(a.Sources) < len(b.Sources) {
				return false
			}
		case "-date":
			if (!oka && okb) || (oka && okb && ka > kb) {
				return false
			}
		default:
			if (!oka && okb) || (oka && okb && ka < kb) {
				return false
			}
		}
	}
	return true
}

func TestIncidentFilters(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		rs := corpus(30)
		ids := putReports(t, s, rs...)
		match := func(keep func(r report) bool) int {
			n := 0
			for _, r := range rs {
				if keep(r) {
					n++
				}
			}
			return n
		}
		for _, tc := range []struct {
			name string
			f    IncidentFilter
			want int
		}{
			{"all", IncidentFilter{}, 30},
			{"from-to", IncidentFilter{From: "2031-01-05", To: "2031-01-10"}, match(func(r report) bool { return r.date >= "2031-01-05" && r.date <= "2031-01-10" })},
			{"country", IncidentFilter{Country: "YY"}, 15},
			{"admin1", IncidentFilter{Country: "ZZ", Admin1: "Prov1"}, match(func(r report) bool { return r.country == "ZZ" && r.admin1 == "Prov1" })},
			{"type", IncidentFilter{Type: extract.Battles}, 10},
			{"subtype", IncidentFilter{Subtype: "air_drone_strike"}, 10},
			{"certainty", IncidentFilter{Certainty: extract.Reported}, 30},
			{"certainty none", IncidentFilter{Certainty: extract.Denied}, 0},
			{"min killed", IncidentFilter{MinKilled: 5}, match(func(r report) bool { return *r.killed >= 5 })},
			{"actor canonical", IncidentFilter{Actor: "Red Hand Brigade"}, 15},
			{"actor text", IncidentFilter{Actor: "bandits"}, 15},
			{"actor target", IncidentFilter{Actor: "herders"}, 30},
			{"q", IncidentFilter{Q: "Q7x"}, 1},
			{"q two words", IncidentFilter{Q: "gunmen herders"}, 30},
			{"article", IncidentFilter{ArticleID: ids[3]}, 1},
			{"bbox without points", IncidentFilter{BBox: &[4]float64{-10, -10, 10, 10}}, 0},
			{"combined", IncidentFilter{Country: "ZZ", Subtype: "attack", Actor: "Red Hand Brigade"}, match(func(r report) bool {
				return r.country == "ZZ" && r.subtype == "attack"
			})},
		} {
			got := allIncidents(t, s, tc.f)
			if len(got) != tc.want {
				t.Errorf("%s: %d incidents, want %d", tc.name, len(got), tc.want)
			}
		}
		for _, f := range []IncidentFilter{{From: "May 1"}, {To: "2031-13-01"}, {Sort: "name"}, {BBox: &[4]float64{0, 50, 10, 40}}} {
			if _, err := s.QueryIncidents(context.Background(), f); err == nil {
				t.Errorf("filter %+v accepted", f)
			}
		}
	})
}

func TestIncidentPoints(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		rs := corpus(4)
		items := make([]Item, len(rs))
		for i, r := range rs {
			items[i] = r.item()
			lon := []float64{10, 20, 179, -179}[i]
			items[i].Events[0].Location.Lat, items[i].Events[0].Location.Lon = ip2(5), &lon
		}
		if _, err := s.PutArticles(context.Background(), items); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			box  [4]float64
			want int
		}{{[4]float64{5, 0, 15, 10}, 1}, {[4]float64{0, 0, 30, 10}, 2}, {[4]float64{170, 0, -170, 10}, 2}, {[4]float64{0, 6, 30, 10}, 0}} {
			if got := allIncidents(t, s, IncidentFilter{BBox: &tc.box}); len(got) != tc.want {
				t.Errorf("bbox %v: %d incidents, want %d", tc.box, len(got), tc.want)
			}
		}
		// Moved and deleted incidents leave the spatial index (0006) too.
		ctx, box := context.Background(), [4]float64{5, 0, 15, 10}
		for _, step := range []struct {
			query string
			want  int
		}{
			{`UPDATE incidents SET lon = 12 WHERE lon = 20`, 2},
			{`UPDATE incidents SET lon = NULL, lat = NULL WHERE lon = 12`, 1},
			{`DELETE FROM incidents WHERE lon = 10`, 0},
		} {
			if _, err := s.db.ExecContext(ctx, step.query); err != nil {
				t.Fatal(err)
			}
			if got := allIncidents(t, s, IncidentFilter{BBox: &box}); len(got) != step.want {
				t.Errorf("after %s: bbox %v: %d incidents, want %d", step.query, box, len(got), step.want)
			}
		}
	})
}

func ip2(f float64) *float64 { return &f }

func TestCountIncidents(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		rs := corpus(30)
		putReports(t, s, rs...)
		total := func(bs []Bucket) (n, killed int) {
			for _, b := range bs {
				n += b.Incidents
				killed += b.Killed
			}
			return
		}
		wantKilled, dated := 0, 0
		for _, r := range rs {
			wantKilled += *r.killed
			if r.date != "" {
				dated++
			}
		}
		for _, tc := range []struct {
			by      []string
			n       int
			buckets int
		}{
			{[]string{ByType}, 30, 3},
			{[]string{BySubtype}, 30, 3},
			{[]string{ByCountry}, 30, 2},
			{[]string{ByCountry, ByAdmin1}, 30, 6},
			{[]string{ByYear}, dated, 1},
			{[]string{ByMonth}, dated, 0},
			{[]string{ByPerpetrator}, 30, 2},
			{[]string{ByTarget}, 30, 1},
			{[]string{ByActor}, 60, 3},
			{[]string{ByWeek, ByType}, dated, 0},
			{[]string{ByDay}, dated, 0},
		} {
			bs, err := s.CountIncidents(ctx, IncidentFilter{Limit: 1, Sort: "killed"}, tc.by...)
			if err != nil {
				t.Fatalf("%v: %v", tc.by, err)
			}
			n, _ := total(bs)
			if n != tc.n || (tc.buckets > 0 && len(bs) != tc.buckets) {
				t.Errorf("by %v: %d incidents in %d buckets, want %d in %d", tc.by, n, len(bs), tc.n, tc.buckets)
			}
			for i := 1; i < len(bs); i++ {
				if strings.Join(bs[i-1].Keys, "\x00") >= strings.Join(bs[i].Keys, "\x00") {
					t.Errorf("by %v: buckets out of order: %v, %v", tc.by, bs[i-1].Keys, bs[i].Keys)
				}
			}
		}
		bs, _ := s.CountIncidents(ctx, IncidentFilter{}, ByCountry)
		if _, k := total(bs); k != wantKilled {
			t.Errorf("killed summed %d, want %d", k, wantKilled)
		}
		weeks, _ := s.CountIncidents(ctx, IncidentFilter{}, ByWeek)
		for _, b := range weeks {
			d, err := time.Parse(time.DateOnly, b.Keys[0])
			if err != nil || d.Weekday() != time.Monday {
				t.Errorf("week key %q is not a Monday", b.Keys[0])
			}
		}
		if _, err := s.CountIncidents(ctx, IncidentFilter{}, "colour"); err == nil {
			t.Error("an unknown key was accepted")
		}
		if _, err := s.CountIncidents(ctx, IncidentFilter{}); err == nil {
			t.Error("no key was accepted")
		}

		actors, err := s.Actors(ctx, IncidentFilter{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		// Most incidents first; the order of a tie is the backend's collation.
		want := map[string]ActorCount{"herders": {Name: "herders", Incidents: 30},
			"Red Hand Brigade": {Name: "Red Hand Brigade", Resolved: true, Incidents: 15}, "bandits": {Name: "bandits", Incidents: 15}}
		if len(actors) != 3 || actors[0].Name != "herders" {
			t.Fatalf("Actors = %+v", actors)
		}
		for i, a := range actors {
			w := want[a.Name]
			if a.Resolved != w.Resolved || a.Incidents != w.Incidents || a.First == "" || a.Last < a.First {
				t.Errorf("actor %d = %+v, want %+v", i, a, w)
			}
		}
	})
}

// Hostile strings through every filter field are values, never SQL.
func TestIncidentFiltersInjection(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		putReports(t, s, corpus(5)...)
		for _, evil := range []string{
			`' OR '1'='1`, `'; DROP TABLE incidents; --`, `" OR ""="`, `%' --`, `\'; SELECT 1; --`,
			`zz') OR 1=1 --`, `NEAR(a b)`, `title:*`, `a" OR "b`,
		} {
			for _, f := range []IncidentFilter{
				{Country: evil}, {Admin1: evil}, {Actor: evil}, {Type: evil}, {Subtype: evil},
				{Certainty: evil}, {Q: evil},
			} {
				page, err := s.QueryIncidents(ctx, f)
				if err != nil || len(page.Incidents) != 0 {
					t.Errorf("filter %+v: %d incidents, %v; want none and no error", f, len(page.Incidents), err)
				}
				if bs, err := s.CountIncidents(ctx, f, ByCountry, ByActor); err != nil || len(bs) != 0 {
					t.Errorf("count %+v: %v, %v", f, bs, err)
				}
				if as, err := s.Actors(ctx, f, 10); err != nil || len(as) != 0 {
					t.Errorf("actors %+v: %v, %v", f, as, err)
				}
			}
			for _, f := range []IncidentFilter{{From: evil}, {To: evil}, {Sort: evil}, {Cursor: evil}} {
				if _, err := s.QueryIncidents(ctx, f); err == nil {
					t.Errorf("filter %+v accepted", f)
				}
			}
		}
		if n := len(allIncidents(t, s, IncidentFilter{})); n != 5 {
			t.Errorf("after the attempts: %d incidents, want 5", n)
		}
	})
}

// Processes ingesting at once merge as one would: reports of one attack
// put concurrently through separate connections make one incident.
func TestConcurrentMerging(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		open(t, dsn) // migrate once
		bombs := bombReports()
		for round := range 3 {
			var wg sync.WaitGroup
			errs := make(chan error, len(bombs))
			for _, r := range bombs {
				r.url = fmt.Sprintf("%s-%d", r.url, round)
				// Rounds months apart: three incidents, even of one text.
				month := fmt.Sprintf("-%02d-", 5+3*round)
				r.date, r.pub = strings.Replace(r.date, "-05-", month, 1), strings.Replace(r.pub, "-05-", month, 1)
				r.text += fmt.Sprintf(" (Edition %d.)", round)
				wg.Go(func() {
					s, err := Open(context.Background(), dsn)
					if err != nil {
						errs <- err
						return
					}
					defer s.Close()
					it := r.item()
					_, err = s.PutArticle(context.Background(), it.Article, it.Events)
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		s := open(t, dsn)
		incs := allIncidents(t, s, IncidentFilter{})
		if len(incs) != 3 {
			t.Errorf("%d incidents from 3 rounds of 3 concurrent reports, want 3", len(incs))
		}
		for _, in := range incs {
			if len(in.Sources) != len(bombs) {
				t.Errorf("incident %d has %d sources, want %d", in.ID, len(in.Sources), len(bombs))
			}
		}
	})
}

// FuzzIncidentCursor: a cursor comes from outside (an API query string);
// any string is either refused or a cursor that encodes back to itself.
func FuzzIncidentCursor(f *testing.F) {
	f.Add(incidentCursor{Sort: "date", Text: "2031-05-06", ID: 7}.encode(), "date")
	f.Add(incidentCursor{Sort: "killed", Null: true, ID: 3}.encode(), "killed")
	f.Add("", "id")
	f.Add("eyJzIjoiaWQiLCJpIjotMX0", "id")
	f.Fuzz(func(t *testing.T, s, sort string) {
		c, err := decodeIncidentCursor(s, sort)
		if err != nil {
			return
		}
		if c.Sort != sort || c.ID < 0 {
			t.Fatalf("accepted %q as %+v for sort %q", s, c, sort)
		}
		back, err := decodeIncidentCursor(c.encode(), sort)
		if err != nil || back != c {
			t.Fatalf("%+v encodes to a different cursor: %+v, %v", c, back, err)
		}
	})
}

// TestCountByRoleOnce: an actor that is both target and victim of one
// incident counts that incident, and its dead, once under ByTarget (which
// covers both roles), whether the count reads the incidents or an actor's
// rows of actor_incidents.
func TestCountByRoleOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		r := report{url: "https://c.example/both", pub: "2031-02-03", date: "2031-02-02",
			title: "Raid on a market in Tovar", text: "Gunmen of the Red Hand raided the Tovar market, killing four traders.",
			country: "ZZ", admin1: "Prov1", city: "Tovar", subtype: "attack", killed: ip(4),
			perps: []string{"Red Hand=Red Hand Brigade"}, targets: []string{"traders=Tovar Traders"}}
		item := r.item()
		traders := "Tovar Traders"
		item.Events[0].Victims = []extract.Participant{{Name: "four traders", Actor: &traders, Kind: "civilians"}}
		if res, err := s.PutArticles(ctx, []Item{item}); err != nil || res[0].Err != nil {
			t.Fatalf("put: %v %v", err, res)
		}
		for _, f := range []IncidentFilter{{}, {Actor: "Red Hand Brigade"}} {
			bs, err := s.CountIncidents(ctx, f, ByTarget)
			if err != nil {
				t.Fatal(err)
			}
			want := []Bucket{{Keys: []string{traders}, Incidents: 1, Killed: 4}}
			if !reflect.DeepEqual(bs, want) {
				t.Errorf("filter %+v: by target %+v, want %+v", f, bs, want)
			}
		}
	})
}
