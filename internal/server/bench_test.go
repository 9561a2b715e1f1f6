package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// The benchmarks measure the list, detail and aggregate handlers end to
// end (parsing, the store's query on a real SQLite file, JSON or HTML)
// over a store of benchIncidents synthetic incidents. The 1M-event load
// test is a separate tool that starts `sitrep serve`; these track the
// handlers' own cost.
//
//	go test ./internal/server -run '^$' -bench . -benchmem

const benchIncidents = 5000

// benchPlaces are real coordinates, so bounding boxes and countries work.
var benchPlaces = []struct {
	name, country, admin1 string
	lat, lon              float64
}{
	{"Maiduguri", "NG", "Borno", 11.85, 13.16}, {"Kabul", "AF", "Kabul", 34.53, 69.17}, {"Mogadishu", "SO", "Banaadir", 2.04, 45.34},
	{"Gao", "ML", "Gao", 16.27, -0.04}, {"Goma", "CD", "North Kivu", -1.68, 29.22}, {"Aleppo", "SY", "Aleppo", 36.2, 37.16},
	{"Kharkiv", "UA", "Kharkiv", 49.99, 36.23}, {"Khartoum", "SD", "Khartoum", 15.5, 32.56},
}

var benchSubtypes = []string{"armed_clash", "air_drone_strike", "suicide_bomb", "shelling_artillery_missile_attack",
	"remote_explosive_landmine_ied", "attack", "abduction_forced_disappearance", "peaceful_protest", "mob_violence", "arrests"}

var benchActors = []string{"Islamic State", "Boko Haram", "Al-Shabaab", "Rapid Support Forces", "M23", "Military Forces of Nigeria"}

// benchStore fills a SQLite store with n one-event articles spread over
// two years, eight places, ten sub-types and six actors.
func benchStore(b *testing.B, n int) Store {
	b.Helper()
	s := openStore(b, filepath.Join(b.TempDir(), "bench.db"))
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var items []store.Item
	flush := func() {
		res, err := s.PutArticles(context.Background(), items)
		if err != nil {
			b.Fatal(err)
		}
		for _, x := range res {
			if x.Err != nil {
				b.Fatal(x.Err)
			}
		}
		items = items[:0]
	}
	for i := range n {
		p := benchPlaces[r.IntN(len(benchPlaces))]
		sub := benchSubtypes[r.IntN(len(benchSubtypes))]
		day := start.AddDate(0, 0, r.IntN(730))
		killed := r.IntN(20)
		lat, lon := p.lat+r.Float64()*0.2, p.lon+r.Float64()*0.2
		actor := benchActors[r.IntN(len(benchActors))]
		text := fmt.Sprintf("Report %d: an incident of type %s near %s on %s left %d dead.", i, sub, p.name, day.Format("2 January 2006"), killed)
		ev := extract.Event{Type: extract.Subtypes[sub], Subtype: sub,
			Date:         &extract.Date{Start: day.Format(time.DateOnly), End: day.Format(time.DateOnly), Precision: "day", Text: day.Format("2 January")},
			Location:     &extract.Location{Name: p.name, Country: p.country, Admin1: p.admin1, Lat: &lat, Lon: &lon, Precision: "city"},
			Perpetrators: []extract.Participant{{Name: actor, Actor: &actor, Kind: "organization"}},
			Killed:       &extract.Count{Min: killed, Max: &killed}, Certainty: extract.Reported,
			Evidence: []extract.Evidence{{Start: 0, End: len(text), Text: text}}}
		items = append(items, store.Item{
			Article: store.Article{Article: article.Article{Source: "bench", Title: fmt.Sprintf("Incident %d near %s", i, p.name),
				Text: text, URL: fmt.Sprintf("https://bench.example/%d", i), Published: day.Add(20 * time.Hour)}},
			Events: []extract.Event{ev}})
		if len(items) == 500 {
			flush()
		}
	}
	flush()
	return s
}

func BenchmarkHandlers(b *testing.B) {
	s := benchStore(b, benchIncidents)
	srv, err := New(Config{Store: s, Logger: discardLogger()})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	for _, bc := range []struct{ name, path string }{
		{"list", "/api/v1/events?limit=100"},
		{"list-filtered", "/api/v1/events?country=NG&type=battles&min_killed=5&limit=100"},
		{"list-bbox", "/api/v1/events?bbox=30,0,50,20&from=2024-06-01&to=2024-12-31"},
		{"list-q", "/api/v1/events?q=Kabul&limit=100"},
		{"detail", "/api/v1/events/100"},
		{"stats-week-type", "/api/v1/stats?by=week&by=type"},
		{"stats-country", "/api/v1/stats?by=country"},
		{"stats-actor", "/api/v1/stats?by=actor"},
		{"page-events", "/"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", bc.path, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", bc.path, w.Code, w.Body)
				}
			}
		})
	}
}
