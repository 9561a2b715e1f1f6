package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/extract"
	"sitrep/internal/resolve"
	"sitrep/internal/store"
)

func cmdGen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	dsn := fs.String("db", "", "the store to fill: a new SQLite file, or a postgres:// URL of an empty database")
	n := fs.Int("n", 1_000_000, "incidents to generate")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same store")
	gaz := fs.String("gazetteer", "internal/resolve/data/places.tsv.gz", "the gazetteer's places file (run from the repository root)")
	chunk := fs.Int("chunk", 20_000, "incidents written per transaction")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: loadtest gen --db DSN [--n N] [--seed S]

Fills an empty store with N synthetic incidents spread over ten years
(2016-2025), places from the gazetteer weighted towards the countries with
most political violence, ACLED's types, actors from the catalog and
long-tailed tolls. Bypasses extraction and merging (see the package doc).`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsn == "" || *n < 1 || *chunk < 1 {
		fs.Usage()
		return fmt.Errorf("--db is required, --n and --chunk must be positive")
	}
	ctx := context.Background()
	// store.Open migrates the schema, so the rows below meet exactly the
	// tables and indexes sitrep itself creates.
	s, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	s.Close()
	g, err := newGenerator(*seed, *gaz)
	if err != nil {
		return err
	}
	w, err := openWriter(ctx, *dsn)
	if err != nil {
		return err
	}
	defer w.close()
	if n, err := w.count(ctx); err != nil {
		return err
	} else if n > 0 {
		return fmt.Errorf("%s already holds %d incidents; gen fills an empty store", *dsn, n)
	}
	start := time.Now()
	var b batch
	for done := 0; done < *n; {
		b.reset()
		size := min(*chunk, *n-done)
		for range size {
			g.incident(&b)
		}
		if err := w.write(ctx, &b); err != nil {
			return err
		}
		done += size
		rate := float64(done) / time.Since(start).Seconds()
		fmt.Fprintf(os.Stderr, "\rgen: %d/%d incidents (%.0f/s, %s left)   ", done, *n, rate,
			(time.Duration(float64(*n-done)/rate) * time.Second).Round(time.Second))
	}
	fmt.Fprintln(os.Stderr)
	if err := w.finish(ctx); err != nil {
		return err
	}
	slog.Info("gen: done", "incidents", *n, "articles", g.lastArticle, "seconds", time.Since(start).Seconds())
	return nil
}

// The columns gen writes, per table, in the order batch rows hold them.
var (
	articleCols = []string{"id", "external_id", "source", "url", "title", "text", "published", "language",
		"tags", "content_hash", "version", "ingested_at", "changed_at"}
	eventCols = []string{"id", "article_id", "seq", "type", "subtype", "attack_type", "date_start", "date_end",
		"date_precision", "location", "country", "admin1", "lat", "lon", "killed_min", "killed_max",
		"wounded_min", "wounded_max", "certainty", "data"}
	incidentCols = []string{"id", "type", "subtype", "date_start", "date_end", "location", "country", "admin1",
		"lat", "lon", "killed_best", "killed_min", "killed_max", "wounded_best", "wounded_min", "wounded_max",
		"certainty", "report_count", "data", "created_at", "changed_at"}
	reportCols = []string{"incident_id", "event_id", "article_id", "date_start", "date_end", "killed_min",
		"killed_max", "wounded_min", "wounded_max", "certainty", "score", "data", "linked_at", "win_start",
		"win_end", "country", "admin1", "published", "duplicate"}
	actorCols = []string{"incident_id", "actor", "role", "resolved"}
)

// batch is the rows of one chunk of incidents, table by table. Values are
// plain Go (time.Time, bool, nil); each writer converts them to its
// dialect.
type batch struct {
	articles, events, incidents, reports, actors [][]any
}

func (b *batch) reset() {
	b.articles, b.events, b.incidents, b.reports, b.actors = b.articles[:0], b.events[:0], b.incidents[:0], b.reports[:0], b.actors[:0]
}

// place is a gazetteer record gen can put an incident at.
type place struct {
	name, admin1 string
	lat, lon     float64
	weight       float64 // cumulative, within its country
}

type countryPlaces struct {
	cc        string
	name      string
	lat, lon  float64
	places    []place // populated places, cumulative weights
	admin1s   []place // first-level regions
	groups    []string
	weightCum float64
}

// generator draws incidents. Its distributions are rough shapes of ACLED's
// data: most events in a dozen countries, tolls mostly zero with a long
// tail, more events in later years.
type generator struct {
	r            *rand.Rand
	countries    []*countryPlaces // cumulative weights in weightCum
	global       []string         // transnational groups
	lastIncident int64
	lastEvent    int64
	lastArticle  int64
	start        time.Time
	days         int
	now          time.Time
}

// conflictWeight is how much more often than an average country each of
// these has events, roughly ACLED's 2016-2025 shares; every other country
// with places has weight 1.
var conflictWeight = map[string]float64{
	"UA": 400, "SY": 300, "MX": 150, "IN": 150, "PK": 120, "AF": 120, "IQ": 100, "YE": 100, "NG": 100,
	"BR": 90, "MM": 90, "CD": 80, "SO": 80, "US": 80, "PH": 60, "CO": 60, "SD": 60, "ML": 50, "BF": 50,
	"ET": 50, "PS": 50, "IL": 40, "LB": 40, "CM": 40, "BD": 40, "LY": 30, "KE": 30, "TR": 30, "FR": 20,
	"RU": 40, "ZA": 30, "IR": 30, "EG": 20, "VE": 20, "HT": 20, "NE": 20, "MZ": 20, "CF": 20, "SS": 20,
}

func newGenerator(seed uint64, gazPath string) (*generator, error) {
	g := &generator{r: rand.New(rand.NewPCG(seed, 0x51e7)),
		start: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC), now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	g.days = int(g.now.Sub(g.start).Hours() / 24)
	byCC, err := readPlaces(gazPath)
	if err != nil {
		return nil, err
	}
	cat, err := resolve.DefaultActors()
	if err != nil {
		return nil, err
	}
	for _, a := range cat.Actors() {
		switch a.Kind {
		case resolve.ActorRebelGroup, resolve.ActorTerroristGroup, resolve.ActorMilitia, resolve.ActorPMC:
			if c := byCC[a.Country]; c != nil {
				c.groups = append(c.groups, a.Name)
			} else if a.Country == "" {
				g.global = append(g.global, a.Name)
			}
		}
	}
	ccs := make([]string, 0, len(byCC))
	for cc := range byCC {
		ccs = append(ccs, cc)
	}
	slices.Sort(ccs) // map order is random; the same seed must give the same store
	total := 0.0
	for _, cc := range ccs {
		c := byCC[cc]
		if len(c.places) == 0 {
			continue
		}
		w := conflictWeight[cc]
		if w == 0 {
			w = 1
		}
		total += w
		c.weightCum = total
		g.countries = append(g.countries, c)
	}
	if len(g.countries) == 0 {
		return nil, fmt.Errorf("%s: no places", gazPath)
	}
	return g, nil
}

// readPlaces reads the gazetteer's countries, regions and the 300 most
// populous places of each country.
func readPlaces(path string) (map[string]*countryPlaces, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w (run from the repository root or pass --gazetteer)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", path, err)
	}
	type raw struct {
		p   place
		adm string
		pop float64
	}
	byCC := map[string]*countryPlaces{}
	admNames := map[string]string{} // cc/adm1 code -> name
	var pl = map[string][]raw{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fl := strings.Split(sc.Text(), "\t")
		if len(fl) < 8 || strings.HasPrefix(fl[0], "#") {
			continue
		}
		lat, err1 := strconv.ParseFloat(fl[5], 64)
		lon, err2 := strconv.ParseFloat(fl[6], 64)
		pop, _ := strconv.ParseFloat(fl[7], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		cc := fl[1]
		c := byCC[cc]
		if c == nil {
			c = &countryPlaces{cc: cc}
			byCC[cc] = c
		}
		switch fl[0] {
		case "C":
			c.name, c.lat, c.lon = fl[3], lat, lon
		case "A":
			admNames[cc+"/"+fl[2]] = fl[3]
			c.admin1s = append(c.admin1s, place{name: fl[3], admin1: fl[3], lat: lat, lon: lon})
		case "P":
			pl[cc] = append(pl[cc], raw{place{name: fl[3], lat: lat, lon: lon}, fl[2], pop})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", path, err)
	}
	for cc, ps := range pl {
		slices.SortFunc(ps, func(a, b raw) int {
			if a.pop != b.pop {
				return int(b.pop - a.pop)
			}
			return strings.Compare(a.p.name, b.p.name)
		})
		ps = ps[:min(len(ps), 300)]
		cum := 0.0
		for _, r := range ps {
			cum += math.Log10(r.pop + 10) // big towns more often, small ones still
			r.p.admin1 = admNames[cc+"/"+r.adm]
			r.p.weight = cum
			byCC[cc].places = append(byCC[cc].places, r.p)
		}
	}
	return byCC, nil
}

func (g *generator) country() *countryPlaces {
	x := g.r.Float64() * g.countries[len(g.countries)-1].weightCum
	i, _ := slices.BinarySearchFunc(g.countries, x, func(c *countryPlaces, x float64) int {
		if c.weightCum < x {
			return -1
		}
		return 1
	})
	return g.countries[min(i, len(g.countries)-1)]
}

func (g *generator) place(c *countryPlaces) place {
	x := g.r.Float64() * c.places[len(c.places)-1].weight
	i, _ := slices.BinarySearchFunc(c.places, x, func(p place, x float64) int {
		if p.weight < x {
			return -1
		}
		return 1
	})
	return c.places[min(i, len(c.places)-1)]
}

// weighted picks a key by weight from parallel slices.
func (g *generator) weighted(keys []string, weights []int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return keys[i]
		}
		n -= w
	}
	return keys[len(keys)-1]
}

var (
	typeKeys    = []string{extract.Battles, extract.ExplosionsRemoteViolence, extract.ViolenceAgainstCivilians, extract.Protests, extract.Riots, extract.StrategicDevelopments}
	typeWeights = []int{22, 20, 18, 25, 7, 8}
	subtypesOf  = map[string][]string{}
	certKeys    = []string{extract.Reported, extract.Claimed, extract.Alleged, extract.Suspected, extract.Denied}
	certWeights = []int{85, 6, 5, 3, 1}
	outlets     = []string{"Example Wire", "Example Daily", "Example Times", "Example Herald", "Example Post",
		"Example Tribune", "Example Observer", "Example Gazette", "Example Chronicle", "Example Monitor"}
	headline = map[string]string{
		extract.Battles: "Fighting in", extract.ExplosionsRemoteViolence: "Explosion in",
		extract.ViolenceAgainstCivilians: "Attack on civilians in", extract.Protests: "Protest in",
		extract.Riots: "Riot in", extract.StrategicDevelopments: "Security operation in",
	}
	// filler gives the articles' text words that full-text queries can
	// select on, some common, some rare.
	filler = strings.Fields("market checkpoint convoy village mosque church school hospital border bridge " +
		"highway police station barracks camp refinery pipeline airport harbour parliament embassy " +
		"university stadium farm mine port court prison ministry district outskirts")
)

func init() {
	for st, t := range extract.Subtypes {
		subtypesOf[t] = append(subtypesOf[t], st)
	}
	for _, sts := range subtypesOf {
		slices.Sort(sts)
	}
}

// toll draws a casualty count: mostly none, then a geometric body with a
// long tail.
func (g *generator) toll(typ string) int {
	pZero := map[string]float64{extract.Protests: 0.97, extract.Riots: 0.8, extract.StrategicDevelopments: 0.95}[typ]
	if pZero == 0 {
		pZero = 0.4
	}
	if g.r.Float64() < pZero {
		return 0
	}
	n := 1 + int(g.r.ExpFloat64()*4)
	if g.r.Float64() < 0.01 {
		n += g.r.IntN(300)
	}
	return n
}

func (g *generator) incident(b *batch) {
	g.lastIncident++
	id := g.lastIncident
	c := g.country()
	typ := g.weighted(typeKeys, typeWeights)
	sts := subtypesOf[typ]
	ev := extract.Event{Type: typ, Subtype: sts[g.r.IntN(len(sts))], Certainty: g.weighted(certKeys, certWeights),
		Weapons: []string{}, Targets: []extract.Participant{}, Victims: []extract.Participant{}, Perpetrators: []extract.Participant{}, Claims: []extract.Claim{}}
	switch {
	case typ == extract.ExplosionsRemoteViolence:
		ev.AttackType = ptr("bombing_explosion")
	case ev.Subtype == "abduction_forced_disappearance":
		ev.AttackType = ptr("hostage_taking_kidnapping")
	case ev.Subtype == "attack":
		ev.AttackType = ptr("armed_assault")
	}
	// Later years have more events, as in ACLED (coverage grows).
	day := int(math.Sqrt(g.r.Float64()) * float64(g.days))
	d := g.start.AddDate(0, 0, day)
	ev.Date = &extract.Date{Start: d.Format(time.DateOnly), End: d.Format(time.DateOnly), Precision: "day"}
	switch x := g.r.IntN(100); {
	case x < 8:
		mon := d.AddDate(0, 0, -int(d.Weekday()+6)%7)
		ev.Date = &extract.Date{Start: mon.Format(time.DateOnly), End: mon.AddDate(0, 0, 6).Format(time.DateOnly), Precision: "week"}
	case x < 12:
		first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		ev.Date = &extract.Date{Start: first.Format(time.DateOnly), End: first.AddDate(0, 1, -1).Format(time.DateOnly), Precision: "month"}
	}
	p := g.place(c)
	loc := &extract.Location{Name: p.name, Country: c.cc, Admin1: p.admin1, Lat: ptr(p.lat + (g.r.Float64()-0.5)/50),
		Lon: ptr(p.lon + (g.r.Float64()-0.5)/50), Precision: "city"}
	switch x := g.r.IntN(100); {
	case x < 10:
		loc.Precision = "point"
	case x < 22 && len(c.admin1s) > 0:
		a := c.admin1s[g.r.IntN(len(c.admin1s))]
		loc = &extract.Location{Name: a.name, Country: c.cc, Admin1: a.name, Lat: ptr(a.lat), Lon: ptr(a.lon), Precision: "admin1"}
	case x < 26:
		loc = &extract.Location{Name: c.name, Country: c.cc, Lat: ptr(c.lat), Lon: ptr(c.lon), Precision: "country"}
	case x < 28:
		loc = nil
	}
	ev.Location = loc
	country := c.name
	group := func() extract.Participant {
		if len(c.groups) > 0 && g.r.IntN(4) > 0 {
			n := c.groups[g.r.IntN(len(c.groups))]
			return extract.Participant{Name: n, Actor: ptr(n), Kind: "organization"}
		}
		if len(g.global) > 0 && g.r.IntN(3) == 0 {
			n := g.global[g.r.IntN(len(g.global))]
			return extract.Participant{Name: n, Actor: ptr(n), Kind: "organization"}
		}
		return extract.Participant{Name: "gunmen", Kind: "unknown"}
	}
	military := extract.Participant{Name: "soldiers", Actor: ptr("Military Forces of " + country), Kind: "state"}
	police := extract.Participant{Name: "police", Actor: ptr("Police Forces of " + country), Kind: "state"}
	civilians := extract.Participant{Name: "civilians", Actor: ptr("Civilians (" + country + ")"), Kind: "civilians"}
	switch typ {
	case extract.Battles:
		ev.Perpetrators = []extract.Participant{military}
		ev.Targets = []extract.Participant{group()}
	case extract.ExplosionsRemoteViolence:
		ev.Perpetrators = []extract.Participant{group()}
		ev.Victims = []extract.Participant{civilians}
	case extract.ViolenceAgainstCivilians:
		ev.Perpetrators = []extract.Participant{group()}
		ev.Victims = []extract.Participant{civilians}
	case extract.Protests:
		if ev.Subtype != "peaceful_protest" {
			ev.Targets = []extract.Participant{police}
		}
	case extract.Riots:
		ev.Targets = []extract.Participant{police}
	case extract.StrategicDevelopments:
		ev.Perpetrators = []extract.Participant{police}
	}
	if ev.Certainty == extract.Claimed && len(ev.Perpetrators) > 0 {
		ev.Claims = []extract.Claim{{By: ev.Perpetrators[0].Name, Kind: "claims_responsibility"}}
	}
	killed, wounded := g.toll(typ), g.toll(typ)*2

	// 1 report in 85%, 2 in 12%, 3 in 3%; later reports revise the toll up.
	nrep := 1
	if x := g.r.IntN(100); x >= 97 {
		nrep = 3
	} else if x >= 85 {
		nrep = 2
	}
	created := d.Add(time.Duration(6+g.r.IntN(48)) * time.Hour)
	var kmin, kmax, kbest int
	var wmin, wmax, wbest int
	for i := range nrep {
		g.lastArticle++
		g.lastEvent++
		aid, eid := g.lastArticle, g.lastEvent
		k, w := killed, wounded
		if i > 0 {
			k += g.r.IntN(3)
			w += g.r.IntN(5)
		}
		if i == 0 || k < kmin {
			kmin = k
		}
		if i == 0 || w < wmin {
			wmin = w
		}
		kmax, kbest = max(kmax, k), k
		wmax, wbest = max(wmax, w), w
		pub := created.Add(time.Duration(i*12) * time.Hour)
		rep := ev
		rep.Killed, rep.Wounded = &extract.Count{Min: k, Max: ptr(k)}, &extract.Count{Min: w, Max: ptr(w)}
		where := country
		if loc != nil {
			where = loc.Name
		}
		title := fmt.Sprintf("%s %s: %d killed", headline[typ], where, k)
		text := fmt.Sprintf("%s. The %s near the %s in %s was reported on %s. %d people were killed and %d wounded, officials said.",
			title, strings.ReplaceAll(rep.Subtype, "_", " "), filler[g.r.IntN(len(filler))], where, pub.Format("2 January 2006"), k, w)
		sum := sha256.Sum256([]byte(text + strconv.FormatInt(aid, 10)))
		b.articles = append(b.articles, []any{aid, "load-" + strconv.FormatInt(aid, 10), outlets[g.r.IntN(len(outlets))],
			"https://example.org/load/" + strconv.FormatInt(aid, 10), title, text, pub, "en", "[]",
			hex.EncodeToString(sum[:]), 1, pub, pub})
		data, _ := json.Marshal(rep)
		var lat, lon any
		var place, cc, adm string
		if loc != nil {
			lat, lon, place, cc, adm = *loc.Lat, *loc.Lon, loc.Name, loc.Country, loc.Admin1
		}
		b.events = append(b.events, []any{eid, aid, 0, rep.Type, rep.Subtype, strp(rep.AttackType), rep.Date.Start,
			rep.Date.End, rep.Date.Precision, place, cc, adm, lat, lon, k, k, w, w, rep.Certainty, string(data)})
		ws, _ := time.Parse(time.DateOnly, rep.Date.Start)
		we, _ := time.Parse(time.DateOnly, rep.Date.End)
		b.reports = append(b.reports, []any{id, eid, aid, rep.Date.Start, rep.Date.End, k, k, w, w, rep.Certainty,
			0.0, "{}", pub, int(ws.Unix() / 86400), int(we.Unix() / 86400), cc, strings.ToLower(adm), pub, false})
	}
	ev.Killed = &extract.Count{Min: kmin, Max: ptr(kmax), Best: ptr(kbest)}
	ev.Wounded = &extract.Count{Min: wmin, Max: ptr(wmax), Best: ptr(wbest)}
	data, _ := json.Marshal(ev)
	var lat, lon any
	var place, cc, adm string
	if loc != nil {
		lat, lon, place, cc, adm = *loc.Lat, *loc.Lon, loc.Name, loc.Country, loc.Admin1
	}
	changed := created.Add(time.Duration((nrep-1)*12) * time.Hour)
	b.incidents = append(b.incidents, []any{id, ev.Type, ev.Subtype, ev.Date.Start, ev.Date.End, place, cc, adm,
		lat, lon, kbest, kmin, kmax, wbest, wmin, wmax, ev.Certainty, nrep, string(data), created, changed})
	for _, role := range []struct {
		name string
		ps   []extract.Participant
	}{{"perpetrator", ev.Perpetrators}, {"target", ev.Targets}, {"victim", ev.Victims}} {
		for _, p := range role.ps {
			name := p.Name
			if p.Actor != nil {
				name = *p.Actor
			}
			b.actors = append(b.actors, []any{id, name, role.name, p.Actor != nil})
		}
	}
}

func ptr[T any](v T) *T { return &v }

func strp(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
