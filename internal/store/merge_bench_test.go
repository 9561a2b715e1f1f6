package store

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
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

// benchFillCache keeps filled stores between runs: filling 100,000
// articles, merged one by one as ingest does, takes tens of minutes on a
// shared machine, and comparing two versions of the merge needs the same
// store under each. A cached store is the file the fill made, so it holds
// the same rows the merge reads; opening it migrates it if need be.
var benchFillCache = flag.String("fillcache", "", "BenchmarkMergeAt: keep each filled store in this directory (merge-N.db) and start from a copy of it when there")

// filledStore opens a store of stored generated articles, from the fill
// cache when it has one, and leaves g as the fill left it.
func filledStore(b *testing.B, g *newsGen, stored int) *sqlStore {
	path := filepath.Join(b.TempDir(), "sitrep.db")
	cached := ""
	if *benchFillCache != "" {
		cached = filepath.Join(*benchFillCache, fmt.Sprintf("merge-%d.db", stored))
		if err := copyFile(cached, path); err == nil {
			for i := range stored {
				g.item(i) // the generator's state as after the fill
			}
			return open(b, path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			b.Fatal(err)
		}
	}
	s := open(b, path)
	fill(b, s, g, stored)
	if cached != "" {
		// VACUUM INTO writes a consistent copy, WAL included.
		if _, err := s.db.Exec(`VACUUM INTO $1`, cached); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

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
// run with -benchtime 1000x (and -stored to change the sizes, -fillcache
// to fill once for several runs).
func BenchmarkMergeAt(b *testing.B) {
	for _, f := range strings.Split(*benchStored, ",") {
		stored, err := strconv.Atoi(f)
		if err != nil {
			b.Fatalf("-stored %q: %v", *benchStored, err)
		}
		b.Run(fmt.Sprintf("sqlite/stored=%d", stored), func(b *testing.B) {
			g := newNewsGen(1)
			s := filledStore(b, g, stored)
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
