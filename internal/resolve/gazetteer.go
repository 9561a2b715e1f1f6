// Package resolve turns place names found in news text into points on the
// map with an honest precision: a country named in a story resolves to the
// country (precision "country", at its capital), never to a building that
// happens to share its name, and an ambiguous town name is decided by what
// else the article mentions.
//
// The gazetteer is GeoNames (CC BY 4.0) data compiled by ./gen into
// data/places.tsv.gz, data/index.tsv.gz and data/admin2.tsv.gz and
// embedded in the binary; small hand-written
// tables (demonyms, aliases, landmarks) sit beside it as plain TSV so that
// analysts can read and extend them without regenerating anything.
package resolve

//go:generate go run ./gen -npm /tmp/gaz/node_modules -out data

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"sitrep/internal/resolve/norm"
)

//go:embed data/places.tsv.gz
var placesGz []byte

//go:embed data/index.tsv.gz
var indexGz []byte

//go:embed data/admin2.tsv.gz
var admin2Gz []byte

//go:embed data/aliases.tsv
var aliasesTSV string

//go:embed data/demonyms.tsv
var demonymsTSV string

//go:embed data/landmarks.tsv
var landmarksTSV string

// Kind is what sort of thing a gazetteer entry is.
type Kind uint8

// Entry kinds, in the order the generated file lists them.
const (
	KindCountry Kind = iota
	KindAdmin1
	KindPlace
	KindLandmark
)

func (k Kind) String() string {
	return [...]string{"country", "admin1", "place", "landmark"}[k]
}

// entry is one gazetteer record, parsed from its line when a lookup
// touches it: parsing all 200,000 lines up front would double the load
// time for the few dozen a typical article needs.
type entry struct {
	kind      Kind
	cc, adm1  string // ISO 3166-1 alpha-2; GeoNames admin1 code
	adm2      string // GeoNames admin2 (county) code of places
	name      string
	ascii     string
	fcode     string // GeoNames feature code (PPLC, PPLA, …), PCL, ADM1 or a landmark's type
	lat, lon  float64
	pop       int
	gid       int    // GeoNames id of places; 0 otherwise
	nalt      int    // how many alternate names GeoNames has: how widely known the place is
	precision string // for landmarks: "point" or "city"
}

// Gazetteer is the loaded name index. It is immutable after loading and
// safe for concurrent use.
type Gazetteer struct {
	places    string   // decompressed places.tsv, header line removed
	lines     []uint32 // byte offset of each record line in places
	landmarks []entry  // record numbers len(lines)… are landmarks
	// The index's lines "key\tposts", sorted by key, are kept as the
	// text they were read from and offsets into it, not as strings: half
	// a million string headers would be pointers for every garbage
	// collection to trace. key(i) is the i-th sorted normalised name,
	// post(i) its space-separated record numbers, parsed on use.
	index    string
	keyStart []uint32 // where line i starts in index
	keyTab   []uint32 // where its tab is
	extra    map[string][]int32
	country  map[string]int32 // ISO code → country record
	admin1   map[string]int32 // "CC.code" → admin1 record
	demonym  map[string]string
	// qualAlias holds names that mean a region only after a comma
	// ("Kingston, ON"): on their own they are words, not places.
	qualAlias map[string][]int32
	// preferred names mean their alias target unless context says
	// otherwise: "Gaza" in news is the Strip more often than the city.
	preferred map[string]int32
	// blocked names are regions with no honest single point ("the
	// Sahel", "Kurdistan"); they resolve to nothing, with a note.
	blocked map[string]bool
	// admin2 maps county-like names to their codes ("butts county" →
	// US.GA.035): context evidence, and a county named alone answers
	// with its first-level division.
	admin2 map[string][]string
	// outletTab is data/outlets.tsv, read on the first OutletHome.
	outletOnce sync.Once
	outletTab  *outletTable
	// big lists the towns sections are read against, on the first
	// Containing.
	bigMu sync.Mutex
	big   map[string][]bigTown        // by country
	seats map[string]map[string]int32 // by country: "adm1.adm2" -> the county's seat
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the embedded gazetteer, loading it on first use: most
// sitrep commands never geocode, so they should not pay the ~0.15 s of
// CPU and ~45 MB it costs.
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = Load(bytes.NewReader(placesGz), bytes.NewReader(indexGz), aliasesTSV, demonymsTSV, landmarksTSV)
		if defaultErr == nil {
			defaultErr = defaultGaz.LoadAdmin2(bytes.NewReader(admin2Gz))
		}
	})
	return defaultGaz, defaultErr
}

// Load reads a gazetteer in the generator's format plus the three small
// tables. Tests and users with their own tables call it directly. The two
// gzip streams are decompressed concurrently (gunzip is most of the cost).
func Load(places, index io.Reader, aliases, demonyms, landmarks string) (*Gazetteer, error) {
	g := &Gazetteer{extra: map[string][]int32{}, country: map[string]int32{}, admin1: map[string]int32{},
		demonym: map[string]string{}, qualAlias: map[string][]int32{}, blocked: map[string]bool{}, preferred: map[string]int32{}}
	var idxErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		text, err := gunzip(index, 12<<20)
		if err == nil {
			err = g.parseIndex(text)
		}
		idxErr = err
	}()
	text, err := gunzip(places, 14<<20)
	if err == nil {
		err = g.parsePlaces(text)
	}
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if idxErr != nil {
		return nil, idxErr
	}
	if err := g.readAliases(aliases); err != nil {
		return nil, err
	}
	if err := g.readDemonyms(demonyms); err != nil {
		return nil, err
	}
	if err := g.readLandmarks(landmarks); err != nil {
		return nil, err
	}
	return g, nil
}

// LoadAdmin2 adds second-level division names (the generator's
// admin2.tsv.gz) as context evidence.
func (g *Gazetteer) LoadAdmin2(r io.Reader) error {
	text, err := gunzip(r, 1<<20)
	if err != nil {
		return err
	}
	head, s := cutLine(text)
	n, err := checkHeader(head, "#sitrep-gazetteer-admin2-v2")
	if err != nil {
		return err
	}
	g.admin2 = make(map[string][]string, n)
	for s != "" {
		var line string
		line, s = cutLine(s)
		k, v, _ := strings.Cut(line, "\t")
		g.admin2[k] = strings.Fields(v)
	}
	return nil
}

func gunzip(r io.Reader, sizeHint int) (string, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return "", fmt.Errorf("gazetteer: %w", err)
	}
	var sb strings.Builder
	sb.Grow(sizeHint)
	if _, err := io.Copy(&sb, zr); err != nil {
		return "", fmt.Errorf("gazetteer: %w", err)
	}
	return sb.String(), nil
}

func checkHeader(line, magic string) (int, error) {
	h := strings.Split(line, "\t")
	if h[0] != magic || len(h) < 3 || h[1] != "norm="+norm.Version {
		return 0, fmt.Errorf("gazetteer: header %q: want %s norm=%s; regenerate with go generate ./internal/resolve", line, magic, norm.Version)
	}
	_, n, _ := strings.Cut(h[2], "=")
	return strconv.Atoi(n)
}

// parsePlaces records where each line starts and indexes the countries and
// divisions, which come first.
func (g *Gazetteer) parsePlaces(s string) error {
	head, rest := cutLine(s)
	n, err := checkHeader(head, "#sitrep-gazetteer-records-v3")
	if err != nil {
		return err
	}
	g.places = rest
	g.lines = make([]uint32, 0, n)
	for off := 0; off < len(rest); {
		i := strings.IndexByte(rest[off:], '\n')
		if i < 0 {
			i = len(rest) - off
		}
		id := int32(len(g.lines))
		g.lines = append(g.lines, uint32(off))
		switch rest[off] {
		case 'C':
			e := g.rec(id)
			g.country[e.cc] = id
		case 'A':
			e := g.rec(id)
			g.admin1[e.cc+"."+e.adm1] = id
		}
		off += i + 1
	}
	if len(g.lines) != n {
		return fmt.Errorf("gazetteer: %d records, header says %d", len(g.lines), n)
	}
	return nil
}

func (g *Gazetteer) parseIndex(s string) error {
	head, s := cutLine(s)
	n, err := checkHeader(head, "#sitrep-gazetteer-index")
	if err != nil {
		return err
	}
	g.index = s
	g.keyStart = make([]uint32, 0, n)
	g.keyTab = make([]uint32, 0, n)
	for at := 0; at < len(s); {
		line, _ := cutLine(s[at:])
		tab := strings.IndexByte(line, '\t')
		if tab < 0 {
			return fmt.Errorf("gazetteer: bad index line %q", line)
		}
		g.keyStart = append(g.keyStart, uint32(at))
		g.keyTab = append(g.keyTab, uint32(at+tab))
		at += len(line) + 1
	}
	return nil
}

// nkeys is the number of keys in the index.
func (g *Gazetteer) nkeys() int { return len(g.keyStart) }

// key is the index's i-th key.
func (g *Gazetteer) key(i int) string { return g.index[g.keyStart[i]:g.keyTab[i]] }

// post is the record numbers of the index's i-th key, space-separated.
func (g *Gazetteer) post(i int) string {
	p, _ := cutLine(g.index[g.keyTab[i]+1:])
	return p
}

// searchKey is the index of the first key >= k (sort.SearchStrings over
// the keys).
func (g *Gazetteer) searchKey(k string) int {
	return sort.Search(g.nkeys(), func(i int) bool { return g.key(i) >= k })
}

// rec parses record i. The file is generated and checked by tests, so a
// malformed number reads as zero rather than failing a lookup.
func (g *Gazetteer) rec(i int32) *entry {
	if int(i) >= len(g.lines) {
		return &g.landmarks[int(i)-len(g.lines)]
	}
	line, _ := cutLine(g.places[g.lines[i]:])
	var f [12]string
	splitTabs(line, f[:])
	e := &entry{cc: f[1], adm1: f[2], name: f[3], ascii: f[4], fcode: f[8]}
	switch f[0] {
	case "C":
		e.kind = KindCountry
	case "A":
		e.kind = KindAdmin1
	default:
		e.kind = KindPlace
	}
	e.lat, _ = strconv.ParseFloat(f[5], 64)
	e.lon, _ = strconv.ParseFloat(f[6], 64)
	e.pop, _ = strconv.Atoi(f[7])
	e.gid, _ = strconv.Atoi(f[9])
	e.nalt, _ = strconv.Atoi(f[10])
	e.adm2 = f[11]
	return e
}

// isCountry reports whether record i is a country: rec(i).kind ==
// KindCountry without parsing the record's line.
func (g *Gazetteer) isCountry(i int32) bool {
	if int(i) >= len(g.lines) {
		return g.landmarks[int(i)-len(g.lines)].kind == KindCountry
	}
	line, _ := cutLine(g.places[g.lines[i]:])
	return line == "C" || strings.HasPrefix(line, "C\t")
}

func cutLine(s string) (line, rest string) {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// splitTabs splits without allocating; it returns the number of fields.
func splitTabs(s string, f []string) int {
	n := 0
	for n < len(f)-1 {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			break
		}
		f[n] = s[:i]
		s = s[i+1:]
		n++
	}
	f[n] = s
	return n + 1
}

// lookup returns the records whose names normalise to key.
func (g *Gazetteer) lookup(key string) []int32 {
	var out []int32
	if i := g.searchKey(key); i < g.nkeys() && g.key(i) == key {
		p := g.post(i)
		for p != "" {
			var num string
			num, p, _ = strings.Cut(p, " ")
			n, _ := strconv.Atoi(num)
			out = append(out, int32(n))
		}
	}
	for _, r := range g.extra[key] {
		dup := false
		for _, o := range out {
			dup = dup || o == r
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

// aliased reports whether a hand-written table gave one of recs the name
// key.
func (g *Gazetteer) aliased(key string, recs []int32) bool {
	for _, rec := range recs {
		if g.isAlias(key, rec) {
			return true
		}
	}
	return false
}

// isAlias reports whether a hand-written table gave rec the name key: such
// a name is deliberate, not one of GeoNames' alternate names.
func (g *Gazetteer) isAlias(key string, rec int32) bool {
	for _, r := range g.extra[key] {
		if r == rec {
			return true
		}
	}
	return false
}

// target finds the record a hand-written table points at: "GB" is a
// country, "US.CA" a first-level division, "US.NY:New York City" the
// largest place of that name in the division.
func (g *Gazetteer) target(t string) (int32, bool) {
	if div, name, ok := strings.Cut(t, ":"); ok {
		best, bestPop := int32(-1), -1
		for _, r := range g.lookup(norm.Key(name)) {
			if e := g.rec(r); e.kind == KindPlace && e.cc+"."+e.adm1 == div && e.pop > bestPop {
				best, bestPop = r, e.pop
			}
		}
		return best, best >= 0
	}
	if strings.Contains(t, ".") {
		r, ok := g.admin1[t]
		return r, ok
	}
	r, ok := g.country[t]
	return r, ok
}

// tsvRows yields the non-comment, non-blank rows of a hand-written table.
func tsvRows(name, text string, minFields int, fn func(lineNo int, f []string) error) error {
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < minFields {
			return fmt.Errorf("%s:%d: want at least %d tab-separated fields, have %d", name, i+1, minFields, len(f))
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if err := fn(i+1, f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, i+1, err)
		}
	}
	return nil
}

// readAliases adds names GeoNames lacks or ranks badly: "Britain", AP state
// abbreviations ("Calif."), Canadian province codes.
func (g *Gazetteer) readAliases(text string) error {
	return tsvRows("aliases.tsv", text, 2, func(_ int, f []string) error {
		if f[1] == "-" {
			g.blocked[norm.Key(f[0])] = true
			return nil
		}
		r, ok := g.target(f[1])
		if !ok {
			return fmt.Errorf("unknown target %q", f[1])
		}
		if len(f) >= 3 && f[2] == "qualifier" {
			k := norm.Key(f[0])
			g.qualAlias[k] = append(g.qualAlias[k], r)
			return nil
		}
		g.addExtra(f[0], r)
		if len(f) >= 3 && f[2] == "prefer" {
			g.preferred[norm.Key(f[0])] = r
		} else if len(f) >= 3 && f[2] != "" {
			return fmt.Errorf("third field %q: want qualifier or prefer", f[2])
		}
		return nil
	})
}

func (g *Gazetteer) addExtra(name string, r int32) {
	k := norm.Key(name)
	for _, have := range g.extra[k] {
		if have == r {
			return
		}
	}
	g.extra[k] = append(g.extra[k], r)
}

// readDemonyms reads "Afghan<TAB>AF" rows. Demonyms are not names of
// places, so they are kept apart from the index: the resolver maps a
// demonym asked for directly to its country, and counts demonyms in an
// article as evidence for that country ("Syrian forces …").
func (g *Gazetteer) readDemonyms(text string) error {
	return tsvRows("demonyms.tsv", text, 2, func(_ int, f []string) error {
		if _, ok := g.country[f[1]]; !ok {
			return fmt.Errorf("unknown country %q", f[1])
		}
		g.demonym[norm.Key(f[0])] = f[1]
		return nil
	})
}

// readLandmarks reads "name<TAB>aliases<TAB>country<TAB>host place<TAB>lat<TAB>lon<TAB>type"
// rows; the host may carry a GeoNames admin1 code ("Arlington, VA"). A landmark with its own coordinates has precision "point"; one
// without takes its host place's point and precision "city". The host is
// looked up by name within the country, so the table needs no GeoNames ids.
func (g *Gazetteer) readLandmarks(text string) error {
	return tsvRows("landmarks.tsv", text, 4, func(_ int, f []string) error {
		cc := f[2]
		if _, ok := g.country[cc]; !ok {
			return fmt.Errorf("unknown country %q", cc)
		}
		hostName, hostAdm1, _ := strings.Cut(f[3], ",")
		hostAdm1 = strings.TrimSpace(hostAdm1)
		var h *entry
		for _, r := range g.lookup(norm.Key(hostName)) {
			e := g.rec(r)
			if e.kind == KindPlace && e.cc == cc && (hostAdm1 == "" || e.adm1 == hostAdm1) && (h == nil || e.pop > h.pop) {
				h = e
			}
		}
		if h == nil {
			return fmt.Errorf("host place %q not found in %s", f[3], cc)
		}
		e := entry{kind: KindLandmark, cc: cc, adm1: h.adm1, name: f[0], ascii: f[0],
			lat: h.lat, lon: h.lon, precision: "city", fcode: "landmark"}
		if len(f) >= 6 && f[4] != "" && f[5] != "" {
			lat, err1 := strconv.ParseFloat(f[4], 64)
			lon, err2 := strconv.ParseFloat(f[5], 64)
			if err1 != nil || err2 != nil || (lat == 0 && lon == 0) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
				return fmt.Errorf("bad coordinates %q,%q", f[4], f[5])
			}
			e.lat, e.lon, e.precision = lat, lon, "point"
		}
		if len(f) >= 7 && f[6] != "" {
			e.fcode = f[6]
		}
		r := int32(len(g.lines) + len(g.landmarks))
		g.landmarks = append(g.landmarks, e)
		g.addExtra(f[0], r)
		if f[1] != "" {
			for _, a := range strings.Split(f[1], ";") {
				if a = strings.TrimSpace(a); a != "" {
					g.addExtra(a, r)
				}
			}
		}
		return nil
	})
}
