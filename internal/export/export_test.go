package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitrep/internal/extract"
	"sitrep/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// slicePages serves fixed incidents a page at a time through the same
// cursor contract as the store, so the encoders can be tested on incidents
// written by hand. The store itself is tested in store_test.go (Write over
// it).
type slicePages struct {
	store.Incidents // only QueryIncidents is called
	incs            []store.Incident
	calls           int
}

func (s *slicePages) QueryIncidents(_ context.Context, f store.IncidentFilter) (store.IncidentPage, error) {
	s.calls++
	start := 0
	if f.Cursor != "" {
		start, _ = strconv.Atoi(f.Cursor)
	}
	end := min(start+f.Limit, len(s.incs))
	p := store.IncidentPage{Incidents: s.incs[start:end]}
	if end < len(s.incs) {
		p.Next = strconv.Itoa(end)
	}
	return p, nil
}

func ptr[T any](v T) *T { return &v }

// fixtureIncidents are fictional incidents covering what the formats must
// handle: full fields, a ranged toll with a best estimate, a week-precise
// date, a place without a point, no country at all, a protest, quotes and
// commas in names.
func fixtureIncidents() []store.Incident {
	t0 := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	pub := time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)
	return []store.Incident{
		{
			ID: 7,
			Event: extract.Event{
				Type: extract.ExplosionsRemoteViolence, Subtype: "suicide_bomb", AttackType: ptr("bombing_explosion"),
				Date:         &extract.Date{Start: "2026-03-01", End: "2026-03-01", Precision: "day", Text: "on Sunday"},
				Location:     &extract.Location{Name: "Kandahar", Country: "AF", Admin1: "Kandahar", Lat: ptr(31.61332), Lon: ptr(65.71013), Precision: "city"},
				Perpetrators: []extract.Participant{{Name: "Islamic State", Actor: ptr("Islamic State"), Kind: "organization"}},
				Victims:      []extract.Participant{{Name: "worshippers", Kind: "civilians"}},
				Killed:       &extract.Count{Min: 12, Max: ptr(19), Best: ptr(17)},
				Wounded:      &extract.Count{Min: 30},
				Certainty:    extract.Claimed,
				Claims:       []extract.Claim{{By: "Islamic State", Kind: "claims_responsibility"}},
				Weapons:      []string{"suicide vest", "AK-47s"},
			},
			Sources: []store.Source{
				{ArticleID: 1, ExternalID: "wire-0001", URL: "https://example.org/a/1", Title: "Blast at Kandahar mosque kills 12", Outlet: "Example Wire", Published: &pub},
				{ArticleID: 4, URL: "https://example.net/news/kandahar", Title: "Kandahar toll rises to 17", Outlet: "Example Daily"},
				{ArticleID: 9, Title: "Mosque attack, \"a massacre\", says governor"},
			},
			CreatedAt: t0, ChangedAt: t0.Add(time.Hour),
		},
		{
			ID: 12,
			Event: extract.Event{
				Type: extract.Battles, Subtype: "armed_clash",
				Date:     &extract.Date{Start: "2026-02-16", End: "2026-02-22", Precision: "week", Text: "last week"},
				Location: &extract.Location{Name: "Raqqa Governorate", Country: "SY", Admin1: "Raqqa", Lat: ptr(35.95), Lon: ptr(39.01), Precision: "admin1"},
				Perpetrators: []extract.Participant{
					{Name: "Syrian army", Actor: ptr("Military Forces of Syria"), Kind: "state"},
					{Name: "allied militia, \"Lions\"", Kind: "organization"},
				},
				Targets:   []extract.Participant{{Name: "rebels", Kind: "unknown"}},
				Killed:    &extract.Count{Min: 4, Max: ptr(4)},
				Certainty: extract.Reported,
			},
			Sources:   []store.Source{{ArticleID: 2, ExternalID: "feed:88", Title: "Clashes in Raqqa", Outlet: "Example Wire"}},
			CreatedAt: t0, ChangedAt: t0,
		},
		{
			ID: 15,
			Event: extract.Event{
				Type: extract.Protests, Subtype: "protest_with_intervention",
				Date:      &extract.Date{Start: "2026-01-01", End: "2026-01-31", Precision: "month"},
				Location:  &extract.Location{Name: "Nigeria", Country: "NG", Precision: "country"},
				Targets:   []extract.Participant{{Name: "police", Actor: ptr("Police Forces of Nigeria"), Kind: "state"}},
				Certainty: extract.Reported,
			},
			Sources:   []store.Source{{ArticleID: 3, URL: "https://example.com/ng", Title: "Protest over fuel prices", Outlet: "Example Times"}},
			CreatedAt: t0, ChangedAt: t0,
		},
		{
			ID: 20,
			Event: extract.Event{
				Type: extract.ViolenceAgainstCivilians, Subtype: "abduction_forced_disappearance",
				Certainty: extract.Alleged, Weapons: []string{"Machetes"},
			},
			Sources:   []store.Source{{ArticleID: 5, Title: "Aid workers missing"}},
			CreatedAt: t0, ChangedAt: t0,
		},
	}
}

func TestWriteGolden(t *testing.T) {
	for _, tc := range []struct{ format, file string }{
		{"jsonl", "incidents.jsonl"},
		{"acled-csv", "incidents.acled.csv"},
		{"gtd-csv", "incidents.gtd.csv"},
		{"geojson", "incidents.geojson"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			// A page of 1 would hide nothing here, but pageSize is large;
			// the paging itself is tested in TestWritePages.
			src := &slicePages{incs: fixtureIncidents()}
			var buf bytes.Buffer
			if err := Write(context.Background(), &buf, tc.format, src, store.IncidentFilter{}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("%s differs from %s (run with -update if the change is intended):\n%s", tc.format, golden, got)
			}
		})
	}
}

// TestWriteParses checks each format is well-formed for its own readers:
// every JSON line parses, every CSV row has the header's width, the GeoJSON
// document parses with one feature per located incident.
func TestWriteParses(t *testing.T) {
	incs := fixtureIncidents()
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			st, err := WriteStats(context.Background(), &buf, format, &slicePages{incs: incs}, store.IncidentFilter{})
			if err != nil {
				t.Fatal(err)
			}
			switch format {
			case "jsonl":
				lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
				if len(lines) != len(incs) {
					t.Fatalf("%d lines, want %d", len(lines), len(incs))
				}
				for i, l := range lines {
					var row struct {
						ID       int64    `json:"id"`
						Articles []string `json:"articles"`
						Evidence any      `json:"evidence"`
					}
					if err := json.Unmarshal([]byte(l), &row); err != nil {
						t.Fatalf("line %d: %v", i+1, err)
					}
					if row.ID != incs[i].ID || len(row.Articles) != len(incs[i].Sources) || row.Evidence != nil {
						t.Errorf("line %d: id %d, %d articles, evidence %v", i+1, row.ID, len(row.Articles), row.Evidence)
					}
				}
			case "acled-csv", "gtd-csv":
				rows, err := csv.NewReader(&buf).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != len(incs)+1 {
					t.Fatalf("%d rows, want header + %d", len(rows), len(incs))
				}
			case "geojson":
				var fc struct {
					Type     string `json:"type"`
					Features []struct {
						ID       int64 `json:"id"`
						Geometry struct {
							Coordinates [2]float64 `json:"coordinates"`
						} `json:"geometry"`
					} `json:"features"`
				}
				if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
					t.Fatal(err)
				}
				// Incidents 15 (a country, no point) and 20 (no place) are left out, and counted.
				if fc.Type != "FeatureCollection" || len(fc.Features) != 2 || st.Skipped != 2 || st.Incidents != 2 {
					t.Fatalf("type %q, %d features, stats %+v", fc.Type, len(fc.Features), st)
				}
				if c := fc.Features[0].Geometry.Coordinates; c[0] != 65.71013 || c[1] != 31.61332 {
					t.Errorf("first point %v, want [lon, lat] = [65.71013, 31.61332]", c)
				}
			}
		})
	}
}

// TestACLEDFields pins the values ACLED scripts branch on.
func TestACLEDFields(t *testing.T) {
	rows := writeCSV(t, "acled-csv")
	col := columnIndex(rows[0])
	for _, tc := range []struct {
		row         int
		field, want string
	}{
		{1, "event_id_cnty", "AFG7"},
		{1, "event_date", "2026-03-01"},
		{1, "time_precision", "1"},
		{1, "disorder_type", "Political violence"},
		{1, "event_type", "Explosions/Remote violence"},
		{1, "sub_event_type", "Suicide bomb"},
		{1, "actor1", "Islamic State"},
		{1, "inter1", "2"},
		{1, "actor2", "Civilians (Afghanistan)"},
		{1, "inter2", "7"},
		{1, "interaction", "27"},
		{1, "civilian_targeting", "Civilian targeting"},
		{1, "iso", "4"},
		{1, "region", "South Asia"},
		{1, "country", "Afghanistan"},
		{1, "geo_precision", "1"},
		{1, "fatalities", "17"},
		{1, "source", "Example Wire; Example Daily"},
		{1, "tags", "certainty=claimed"},
		{2, "time_precision", "2"},
		{2, "actor1", "Military Forces of Syria"},
		{2, "assoc_actor_1", `allied militia, "Lions"`},
		{2, "inter1", "1"},
		{2, "interaction", "13"},
		{2, "geo_precision", "3"},
		{2, "event_id_cnty", "SYR12"},
		{3, "actor1", "Protesters (Nigeria)"},
		{3, "inter1", "6"},
		{3, "inter2", "1"},
		{3, "interaction", "16"},
		{3, "disorder_type", "Demonstrations"},
		{3, "fatalities", "0"},
		{4, "event_id_cnty", "XXX20"},
		{4, "actor1", "Unidentified Armed Group"},
		{4, "interaction", "30"},
		{4, "civilian_targeting", "Civilian targeting"},
	} {
		if got := rows[tc.row][col[tc.field]]; got != tc.want {
			t.Errorf("row %d %s = %q, want %q", tc.row, tc.field, got, tc.want)
		}
	}
}

// TestGTDFields pins GTD's codes, including its 0 for an unknown day or
// month and -9 for unknown.
func TestGTDFields(t *testing.T) {
	rows := writeCSV(t, "gtd-csv")
	col := columnIndex(rows[0])
	for _, tc := range []struct {
		row         int
		field, want string
	}{
		{1, "eventid", "202603010007"},
		{1, "iyear", "2026"},
		{1, "imonth", "3"},
		{1, "iday", "1"},
		{1, "country", "4"},
		{1, "country_txt", "Afghanistan"},
		{1, "region", "6"},
		{1, "region_txt", "South Asia"},
		{1, "city", "Kandahar"},
		{1, "specificity", "1"},
		{1, "suicide", "1"},
		{1, "attacktype1", "3"},
		{1, "attacktype1_txt", "Bombing/Explosion"},
		{1, "targtype1", "14"},
		{1, "gname", "Islamic State"},
		{1, "claimed", "1"},
		{1, "weaptype1", "6"},
		{1, "nkill", "17"},
		{1, "nwound", "30"},
		{1, "property", "-9"},
		{1, "scite1", "wire-0001"},
		{1, "scite2", "https://example.net/news/kandahar"},
		{1, "scite3", "sitrep:article/9"},
		{2, "eventid", "202602000012"},
		{2, "iday", "0"},
		{2, "approxdate", "2026-02-16 to 2026-02-22"},
		{2, "specificity", "4"},
		{2, "city", ""},
		{2, "attacktype1", "2"},
		{2, "targtype1", "20"},
		{3, "imonth", "1"},
		{3, "iday", "0"},
		{3, "targtype1", "3"},
		{3, "targtype1_txt", "Police"},
		{3, "specificity", "5"},
		{3, "nkill", ""},
		{4, "attacktype1", "6"},
		{4, "ishostkid", "1"},
		{4, "guncertain1", "1"},
		{4, "gname", "Unknown"},
		{4, "iyear", ""},
		{4, "weaptype1", "9"},
		{4, "weaptype1_txt", "Melee"},
	} {
		if got := rows[tc.row][col[tc.field]]; got != tc.want {
			t.Errorf("row %d %s = %q, want %q", tc.row, tc.field, got, tc.want)
		}
	}
}

func writeCSV(t *testing.T, format string) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, format, &slicePages{incs: fixtureIncidents()}, store.IncidentFilter{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func columnIndex(header []string) map[string]int {
	m := map[string]int{}
	for i, h := range header {
		m[h] = i
	}
	return m
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(context.Background(), &bytes.Buffer{}, "xlsx", &slicePages{}, store.IncidentFilter{})
	if err == nil || !strings.Contains(err.Error(), `"xlsx"`) || !strings.Contains(err.Error(), "acled-csv") {
		t.Fatalf("err = %v, want one naming the format and the choices", err)
	}
}

// TestWritePages checks Write follows the cursor to the end, asking for
// full pages, whatever Limit and Cursor the caller left in the filter.
func TestWritePages(t *testing.T) {
	incs := make([]store.Incident, 2*pageSize+3)
	for i := range incs {
		incs[i] = store.Incident{ID: int64(i + 1), Event: extract.Event{Type: extract.Riots, Subtype: "mob_violence"}}
	}
	src := &slicePages{incs: incs}
	var buf bytes.Buffer
	st, err := WriteStats(context.Background(), &buf, "jsonl", src, store.IncidentFilter{Limit: 5, Cursor: "17"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Incidents != len(incs) || src.calls != 3 || strings.Count(buf.String(), "\n") != len(incs) {
		t.Fatalf("wrote %d incidents in %d pages (%d lines), want %d in 3", st.Incidents, src.calls, strings.Count(buf.String(), "\n"), len(incs))
	}
}

// TestCodebookCovers checks the tables name every value sitrep produces,
// so no event type, subtype or attack type exports as an empty column.
func TestCodebookCovers(t *testing.T) {
	c, err := loadCodes()
	if err != nil {
		t.Fatal(err)
	}
	for st, typ := range extract.Subtypes {
		if c.ACLED.Subtypes[st].Label == "" || c.ACLED.Subtypes[st].Disorder == "" {
			t.Errorf("acled.subtypes: no label or disorder for %s", st)
		}
		if c.ACLED.EventTypes[typ] == "" {
			t.Errorf("acled.event_types: no label for %s", typ)
		}
	}
	for _, at := range extract.AttackTypes {
		if c.GTD.AttackTypes[at].Code == 0 {
			t.Errorf("gtd.attack_types: no code for %s", at)
		}
	}
	for _, p := range []string{"day", "week", "month", "year"} {
		if c.ACLED.TimePrecision[p] == 0 {
			t.Errorf("acled.time_precision: no code for %s", p)
		}
	}
	for _, p := range []string{"point", "city", "admin1", "country"} {
		if c.ACLED.GeoPrecision[p] == 0 || c.GTD.Specificity[p] == 0 {
			t.Errorf("no geo_precision or specificity for %s", p)
		}
	}
	if len(c.countries) < 240 {
		t.Errorf("countries.tsv: %d countries, want every ISO 3166-1 code", len(c.countries))
	}
	for cc, row := range c.countries {
		if row.ACLEDName == "" || row.ACLEDRegion == "" || row.GTDRegion == "" {
			t.Errorf("countries.tsv: %s lacks a name or a region: %+v", cc, row)
		}
	}
}

func TestParseCodesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yml, tsv, want string
	}{
		{"bad yaml", "acled: [", "", "codes.yaml"},
		{"dangling attack type", string(codesYAML) + "\n", "", ""},
		{"short row", string(codesYAML), "AF\tAFG\t4\n", "countries.tsv:1"},
		{"not a number", string(codesYAML), "AF\tAFG\tx\tAfghanistan\tSouth Asia\t4\tAfghanistan\t6\tSouth Asia\n", `"x" is not a number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseCodes([]byte(tc.yml), tc.tsv)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
	bad := strings.Replace(string(codesYAML), "suicide_bomb: bombing_explosion", "suicide_bomb: bombing", 1)
	if _, err := parseCodes([]byte(bad), ""); err == nil || !strings.Contains(err.Error(), `no attack type "bombing"`) {
		t.Fatalf("dangling attack type: err = %v", err)
	}
}
