package store

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
)

// newsGen makes fictional news: perDay articles a day, each reporting one
// of a few incidents of that day in one of 20 countries × 10 regions × 5
// towns, with three events (the incident and two lesser ones), a
// vocabulary shared by all stories and names of the incident's own. So
// a store of n articles covers n/perDay days, and the incidents sharing an
// article's days and place — what merging compares it with — are as many
// whatever n is.
type newsGen struct {
	rnd    *rand.Rand
	perDay int
	common []string
}

func newNewsGen(seed uint64) *newsGen {
	g := &newsGen{rnd: rand.New(rand.NewPCG(seed, 7)), perDay: 60}
	for i := range 400 {
		g.common = append(g.common, fmt.Sprintf("word%03d", i))
	}
	return g
}

var day0 = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// item returns the i-th article.
func (g *newsGen) item(i int) Item {
	day := i / g.perDay
	// Each incident is reported by about two articles of its day.
	inc := day*g.perDay/2 + g.rnd.IntN(g.perDay/2)
	r := rand.New(rand.NewPCG(uint64(inc), 11))
	country := fmt.Sprintf("C%02d", r.IntN(20))
	admin1 := fmt.Sprintf("Region%d", r.IntN(10))
	town := fmt.Sprintf("Town%d%s", r.IntN(5), admin1)
	names := fmt.Sprintf("victim%da victim%db street%dc", inc, inc, inc)
	var text strings.Builder
	fmt.Fprintf(&text, "Gunmen attacked a market in %s on Tuesday, killing %d people, %s said. ", town, 1+inc%9, names)
	for range 250 {
		text.WriteString(g.common[g.rnd.IntN(len(g.common))])
		text.WriteByte(' ')
	}
	date := day0.AddDate(0, 0, day).Format(time.DateOnly)
	ev := extract.Event{Type: extract.ViolenceAgainstCivilians, Subtype: "attack", Certainty: extract.Reported,
		Date:     &extract.Date{Start: date, End: date, Precision: "day"},
		Location: &extract.Location{Name: town, Country: country, Admin1: admin1, Precision: "city"},
		Killed:   &extract.Count{Min: 1 + inc%9}, Perpetrators: []extract.Participant{{Name: "gunmen"}},
		Evidence: []extract.Evidence{{Start: 0, End: 40, Text: text.String()[:40]}}}
	minor := ev
	minor.Subtype, minor.Type, minor.Killed = "arrests", extract.StrategicDevelopments, nil
	other := ev
	other.Location = &extract.Location{Name: country, Country: country, Precision: "country"}
	other.Subtype, other.Type = "peaceful_protest", extract.Protests
	return Item{
		Article: Article{Article: article.Article{URL: fmt.Sprintf("https://gen.example/%d", i),
			Title: fmt.Sprintf("Attack in %s kills %d", town, 1+inc%9), Text: text.String(),
			Published: day0.AddDate(0, 0, day).Add(10 * time.Hour)}},
		Events: []extract.Event{ev, minor, other},
	}
}

// benchStored are the store sizes BenchmarkMergeAt compares.
var benchStored = flag.String("stored", "10000,100000", "BenchmarkMergeAt: the sizes of store to put into, comma-separated")

func fill(b *testing.B, s Store, g *newsGen, n int) {
	ctx := context.Background()
	const batch = 200
	for lo := 0; lo < n; lo += batch {
		items := make([]Item, 0, batch)
		for i := lo; i < min(lo+batch, n); i++ {
			items = append(items, g.item(i))
		}
		if _, err := s.PutArticles(ctx, items); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMergeAt measures putting an article (3 events, merged) into a
// store already holding 10k or 100k such articles, 100 to a transaction
// as 'sitrep ingest' does: flat if merging looks only at the incidents of
// the article's days and place. Filling the larger store takes minutes;
// run with -benchtime 1000x (and -stored to change the sizes).
func BenchmarkMergeAt(b *testing.B) {
	for _, f := range strings.Split(*benchStored, ",") {
		stored, err := strconv.Atoi(f)
		if err != nil {
			b.Fatalf("-stored %q: %v", *benchStored, err)
		}
		b.Run(fmt.Sprintf("sqlite/stored=%d", stored), func(b *testing.B) {
			s := open(b, backends[0].dsn(b))
			g := newNewsGen(1)
			fill(b, s, g, stored)
			ctx := context.Background()
			b.ResetTimer()
			cpu0 := cpuTime(b)
			for lo := 0; lo < b.N; lo += 100 {
				b.StopTimer()
				gen := cpuTime(b)
				items := make([]Item, 0, 100)
				for i := lo; i < min(lo+100, b.N); i++ {
					// New articles on the store's last three days.
					it := g.item(stored - g.perDay*3 + i%(g.perDay*3))
					it.Article.URL += fmt.Sprintf("/new%d", i)
					items = append(items, it)
				}
				cpu0 += cpuTime(b) - gen // making the articles is not putting them
				b.StartTimer()
				if _, err := s.PutArticles(ctx, items); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu0)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
