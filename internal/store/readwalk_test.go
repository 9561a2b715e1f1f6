package store

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// samePagesWith lists every filter's incidents (page by page) with the
// switch *on as it is and with it flipped, and fails where the two differ;
// it returns the lists of the default path.
func samePagesWith(t *testing.T, s Store, on *bool, fs []IncidentFilter) [][]int64 {
	t.Helper()
	saved := *on
	t.Cleanup(func() { *on = saved })
	var out [][]int64
	for _, f := range fs {
		*on = saved
		def := ids(allIncidents(t, s, f))
		*on = !saved
		other := ids(allIncidents(t, s, f))
		if !slices.Equal(def, other) {
			t.Errorf("%+v: %v with the switch %v, %v without", f, def, saved, other)
		}
		out = append(out, def)
	}
	*on = saved
	return out
}

// TestActorDateWalk checks that an actor filter listed by date pages
// through the same incidents, in the same order, whether it walks the
// actor's index of actor_incidents or filters the incidents, alone and
// with other filters; 60 incidents over 40 days repeat dates, so ties are
// ordered by id, and every fifth has no date.
func TestActorDateWalk(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		putReports(t, s, corpus(60)...)
		var fs []IncidentFilter
		for _, actor := range []string{"Red Hand Brigade", "bandits", "herders", "nobody at all"} {
			for _, sort := range []string{"", "date", "-date"} {
				for _, limit := range []int{1, 4, 100} {
					fs = append(fs, IncidentFilter{Actor: actor, Sort: sort, Limit: limit},
						IncidentFilter{Actor: actor, Sort: sort, Limit: limit, Country: "ZZ"},
						IncidentFilter{Actor: actor, Sort: sort, Limit: limit, From: "2031-01-05", To: "2031-01-20"},
						IncidentFilter{Actor: actor, Sort: sort, Limit: limit, Subtype: "attack", MinKilled: 2})
				}
			}
		}
		got := samePagesWith(t, s, &actorDateWalk, fs)
		for i, f := range fs {
			if f.Actor == "herders" && f == (IncidentFilter{Actor: f.Actor, Sort: f.Sort, Limit: f.Limit}) && len(got[i]) != 60 {
				t.Errorf("%+v: %d incidents, want all 60", f, len(got[i]))
			}
		}
	})
}

// TestSQLiteReadPragmas checks that every SQLite connection of a file
// store maps the file and has the larger page cache, unless the DSN sets
// its own.
func TestSQLiteReadPragmas(t *testing.T) {
	for _, tc := range []struct {
		dsn        string
		mmap, size int64
	}{
		{"", 2147418112, -32768},
		{"?_pragma=mmap_size(0)", 0, -32768},
	} {
		s := open(t, filepath.Join(t.TempDir(), "p.db")+tc.dsn)
		conn, err := s.db.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var mmap, size int64
		if err := conn.QueryRowContext(t.Context(), "PRAGMA mmap_size").Scan(&mmap); err != nil {
			t.Fatal(err)
		}
		if err := conn.QueryRowContext(t.Context(), "PRAGMA cache_size").Scan(&size); err != nil {
			t.Fatal(err)
		}
		conn.Close()
		if mmap != tc.mmap || size != tc.size {
			t.Errorf("DSN %q: mmap_size %d, cache_size %d; want %d, %d", tc.dsn, mmap, size, tc.mmap, tc.size)
		}
	}
}

// TestBoxWalk checks that a list filtered by a bounding box pages through
// the same incidents, in the same order, whether it walks the list's
// index testing each incident's point or finds the box's points first.
func TestBoxWalk(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		rs := corpus(40)
		items := make([]Item, len(rs))
		for i, r := range rs {
			items[i] = r.item()
			if i%7 == 3 {
				continue // no point
			}
			// Half in a 1-degree square, the others spread east of it.
			lat, lon := 10+float64(i%5)/10, 20+float64(i%4)/10
			if i%2 == 1 {
				lon += float64(i)
			}
			items[i].Events[0].Location.Lat, items[i].Events[0].Location.Lon = &lat, &lon
		}
		if _, err := s.PutArticles(t.Context(), items); err != nil {
			t.Fatal(err)
		}
		all := allIncidents(t, s, IncidentFilter{Limit: 1000})
		var fs []IncidentFilter
		for _, box := range []*[4]float64{
			{-180, -90, 180, 90}, // every point
			{19.5, 9.5, 21, 11},  // half of them
			{0, 0, 0.5, 0.5},     // none
		} {
			for _, sort := range sorts {
				for _, limit := range []int{1, 3, 100} {
					fs = append(fs, IncidentFilter{BBox: box, Sort: sort, Limit: limit},
						IncidentFilter{BBox: box, Sort: sort, Limit: limit, From: "2031-01-10", To: "2031-01-30"})
				}
			}
		}
		got := walkSamePages(t, s, &commonBoxPoints, fs)
		located := 0
		for _, in := range all {
			if in.Location != nil && in.Location.Lat != nil {
				located++
			}
		}
		if located == 0 || len(got[0]) != located {
			t.Errorf("the whole world lists %d incidents; %d of %d have a point", len(got[0]), located, len(all))
		}
	})
}

// TestBoxCells checks that a bounding box listed by date pages through
// the same incidents, in the same order, whether it walks the box's
// one-degree cells (migration 0011) or not, and that they are the
// incidents whose point is in the box: points on either side of the
// equator and the prime meridian, on cell edges and on the box's edges.
func TestBoxCells(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		rs := corpus(60)
		items := make([]Item, len(rs))
		type point struct{ lat, lon float64 }
		points := map[string]point{} // by title
		for i, r := range rs {
			items[i] = r.item()
			if i%11 == 4 {
				continue // no point
			}
			p := point{float64(i%7)/2 - 1.5, float64(i%5)/2 - 1}
			if i%13 == 0 {
				p = point{-90 + float64(i%3), 180 - float64(i%2)/4}
			}
			points[items[i].Article.Title] = p
			items[i].Events[0].Location.Lat, items[i].Events[0].Location.Lon = &p.lat, &p.lon
		}
		if _, err := s.PutArticles(t.Context(), items); err != nil {
			t.Fatal(err)
		}
		boxes := []*[4]float64{
			{-1, -1.5, 1, 1.5},     // all but the poles', edges on points
			{-0.5, -0.5, 0.5, 0.5}, // the middle, edges on points and cells
			{0.01, 0.01, 0.99, 0.99},
			{-0.99, -1.49, -0.01, -0.01},
			{179.5, -90, 180, -87}, // the corner of the grid
			{30, 30, 31, 31},       // none
		}
		var fs []IncidentFilter
		for _, box := range boxes {
			for _, sort := range []string{"", "date", "-date"} {
				for _, limit := range []int{1, 3, 100} {
					fs = append(fs, IncidentFilter{BBox: box, Sort: sort, Limit: limit},
						IncidentFilter{BBox: box, Sort: sort, Limit: limit, From: "2031-01-10", To: "2031-01-30"},
						IncidentFilter{BBox: box, Sort: sort, Limit: limit, From: "2031-01-10"})
				}
			}
		}
		got := samePagesWith(t, s, &boxCellWalk, fs)
		for k, f := range fs {
			if f.From != "" || f.Limit != 3 {
				continue
			}
			b, want := f.BBox, 0
			for _, in := range allIncidents(t, s, IncidentFilter{Limit: 1000}) {
				for _, src := range in.Sources {
					p, ok := points[src.Title]
					if ok && p.lon >= b[0] && p.lat >= b[1] && p.lon <= b[2] && p.lat <= b[3] {
						want++
						break
					}
				}
			}
			if len(got[k]) != want {
				t.Errorf("%+v: %d incidents, want %d", f, len(got[k]), want)
			}
		}
	})
}

// TestNoSources checks that a list without sources is the same list, the
// incidents the same but for their sources.
func TestNoSources(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		putReports(t, s, corpus(30)...)
		for _, f := range []IncidentFilter{{Limit: 7}, {Sort: "killed", Limit: 300}, {Sort: "killed", From: "2031-01-05", To: "2031-01-20", Limit: 4}} {
			want := allIncidents(t, s, f)
			f.NoSources = true
			got := allIncidents(t, s, f)
			if len(want) == 0 || len(got) != len(want) {
				t.Fatalf("%+v: %d incidents without sources, %d with", f, len(got), len(want))
			}
			for i := range got {
				if got[i].Sources != nil {
					t.Errorf("%+v: incident %d has sources", f, got[i].ID)
				}
				w := want[i]
				w.Sources = nil
				if !reflect.DeepEqual(got[i], w) {
					t.Errorf("%+v: incident %d differs:\n%+v\n%+v", f, w.ID, got[i], w)
				}
			}
		}
	})
}
