// Command gentowns builds internal/resolve/data/towns.tsv.gz: the US
// postal town names that GeoNames cities500 (places.tsv.gz) lacks, from
// the zipcodes npm package (BSD licence; one row per ZIP code with the
// post office's town, state and a point):
//
//	mkdir -p /tmp/zip && cd /tmp/zip && npm install zipcodes@8.0.0
//	cd internal/resolve && go run ./gentowns -codes /tmp/zip/node_modules/zipcodes/lib/codes.js
//
// Why: US local news, and the archives that code it, place a shooting by
// the post-office town ("near Iaeger", "a Fort Towson home"), most of
// which have under 500 people and so are not in cities500. The resolver
// answers such a name with the town only when the story's own state
// holds it (resolve.postalTown), so the table cannot pull a word into
// a place elsewhere.
//
// Each line: state (postal code), town name, lat, lon, GeoNames admin2
// (county) code of the nearest cities500 place in that state, so that
// a county the story names can narrow to the town.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"sitrep/internal/resolve/norm"
)

type zip struct {
	Latitude, Longitude float64
	City, State         string
	Country             string
}

type place struct {
	adm2     string
	lat, lon float64
}

func main() {
	codes := flag.String("codes", "/tmp/zip/node_modules/zipcodes/lib/codes.js", "the zipcodes package's lib/codes.js")
	places := flag.String("places", "data/places.tsv.gz", "the generated GeoNames places")
	out := flag.String("out", "data/towns.tsv.gz", "output")
	flag.Parse()
	b, err := os.ReadFile(*codes)
	if err != nil {
		log.Fatal(err)
	}
	s := string(b)
	// "exports.codes = {...};" then other exports.
	s = s[strings.IndexByte(s, '{'):]
	if i := strings.Index(s, "exports."); i > 0 {
		s = s[:i]
	}
	s = s[:strings.LastIndexByte(s, '}')+1]
	var m map[string]zip
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		log.Fatal(err)
	}
	known, byState := readPlaces(*places)
	type town struct {
		state, name string
		lat, lon    float64
		n           int
	}
	towns := map[string]*town{}
	for _, z := range m {
		if z.Country != "US" || z.City == "" || len(byState[z.State]) == 0 { // not APO/FPO
			continue
		}
		k := z.State + "\t" + norm.Key(z.City)
		if known[k] {
			continue
		}
		t, ok := towns[k]
		if !ok {
			t = &town{state: z.State, name: z.City}
			towns[k] = t
		}
		// The mean of the town's ZIP points.
		t.lat += z.Latitude
		t.lon += z.Longitude
		t.n++
	}
	keys := make([]string, 0, len(towns))
	for k := range towns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	fmt.Fprintf(w, "#sitrep-postal-towns\trows=%d\n", len(keys))
	for _, k := range keys {
		t := towns[k]
		lat, lon := t.lat/float64(t.n), t.lon/float64(t.n)
		fmt.Fprintf(w, "%s\t%s\t%.4f\t%.4f\t%s\n", t.state, t.name, lat, lon, nearest(byState[t.state], lat, lon))
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d postal towns not in cities500", len(keys))
}

// readPlaces reads the US populated places of places.tsv.gz: the keys
// of their names by state, and their points and county codes.
func readPlaces(path string) (map[string]bool, map[string][]place) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}
	known := map[string]bool{}
	byState := map[string][]place{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		r := strings.Split(sc.Text(), "\t")
		if len(r) < 12 || r[0] != "P" || r[1] != "US" {
			continue
		}
		known[r[2]+"\t"+norm.Key(r[3])] = true
		known[r[2]+"\t"+norm.Key(r[4])] = true
		lat, _ := strconv.ParseFloat(r[5], 64)
		lon, _ := strconv.ParseFloat(r[6], 64)
		byState[r[2]] = append(byState[r[2]], place{adm2: r[11], lat: lat, lon: lon})
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	return known, byState
}

// nearest is the county code of the place nearest the point (an
// equirectangular distance is enough within one state).
func nearest(ps []place, lat, lon float64) string {
	best, bd := "", math.Inf(1)
	c := math.Cos(lat * math.Pi / 180)
	for _, p := range ps {
		dy, dx := p.lat-lat, (p.lon-lon)*c
		if d := dx*dx + dy*dy; d < bd && p.adm2 != "" {
			best, bd = p.adm2, d
		}
	}
	return best
}
