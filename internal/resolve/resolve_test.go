package resolve

import (
	"os"
	"strings"
	"testing"
	"time"

	"sitrep/internal/resolve/norm"
)

// accuracyFloor is the share of testdata/places.tsv that must resolve as
// the table says. The table is meant to be hard (transliterations,
// ambiguous names, context-dependent names); a drop below the floor means
// a change to scoring broke more than it fixed.
const accuracyFloor = 0.95

type placeCase struct {
	line                      int
	query, country, admin1    string
	precision, text, dateline string
}

func readCases(t *testing.T) []placeCase {
	t.Helper()
	b, err := os.ReadFile("testdata/places.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var cs []placeCase
	for i, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < 6 {
			f = append(f, "")
		}
		cs = append(cs, placeCase{i + 1, f[0], f[1], f[2], f[3], f[4], f[5]})
	}
	return cs
}

func gaz(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// check reports what is wrong with res for c, or "".
func (c placeCase) check(res Result) string {
	if c.country == "-" {
		if res.Best != nil {
			return "want unresolved, got " + describe(res.Best)
		}
		return ""
	}
	b := res.Best
	if b == nil {
		return "unresolved (" + res.Note + ")"
	}
	okCC := false
	for _, cc := range strings.Split(c.country, "|") {
		okCC = okCC || cc == b.Country
	}
	if !okCC {
		return "want country " + c.country + ", got " + describe(b)
	}
	if c.admin1 != "" && !strings.EqualFold(c.admin1, b.Admin1Code) && norm.Key(c.admin1) != norm.Key(b.Admin1) {
		return "want admin1 " + c.admin1 + ", got " + describe(b)
	}
	if c.precision != "" && c.precision != b.Precision {
		return "want precision " + c.precision + ", got " + describe(b)
	}
	return ""
}

func describe(p *Place) string {
	return p.Name + " (" + p.Kind + ", " + p.Country + " " + p.Admin1Code + " " + p.Admin1 + ", " + p.Precision + ")"
}

// TestPlacesTable runs the hand-made table and fails below accuracyFloor.
// Run with -v to see the accuracy and every miss.
func TestPlacesTable(t *testing.T) {
	g := gaz(t)
	cs := readCases(t)
	if len(cs) < 200 {
		t.Fatalf("table has %d cases, want at least 200", len(cs))
	}
	good := 0
	start := time.Now()
	for _, c := range cs {
		res := g.NewResolver(Context{Text: c.text, Dateline: c.dateline}).Resolve(c.query)
		if msg := c.check(res); msg != "" {
			t.Logf("places.tsv:%d %q: %s", c.line, c.query, msg)
			continue
		}
		good++
	}
	acc := float64(good) / float64(len(cs))
	t.Logf("accuracy %d/%d = %.1f%% (floor %.0f%%), %v per case with context", good, len(cs), 100*acc,
		100*accuracyFloor, time.Since(start)/time.Duration(len(cs)))
	if acc < accuracyFloor {
		t.Errorf("accuracy %.1f%% below floor %.0f%%", 100*acc, 100*accuracyFloor)
	}
}

func resolveIn(t *testing.T, name string, ctx Context) *Place {
	t.Helper()
	res := gaz(t).NewResolver(ctx).Resolve(name)
	if res.Best == nil {
		t.Fatalf("%q unresolved: %s", name, res.Note)
	}
	return res.Best
}

// TestGeorgiaByContext: the same word is a country near Tbilisi and a US
// state near Atlanta, and the country when nothing says otherwise.
func TestGeorgiaByContext(t *testing.T) {
	if p := resolveIn(t, "Georgia", Context{}); p.Country != "GE" || p.Precision != "country" {
		t.Errorf("Georgia alone: got %s", describe(p))
	}
	if p := resolveIn(t, "Georgia", Context{Text: "Opposition supporters rallied in Tbilisi and Batumi."}); p.Country != "GE" || p.Precision != "country" {
		t.Errorf("Georgia near Tbilisi: got %s", describe(p))
	}
	if p := resolveIn(t, "Georgia", Context{Text: "The shooting in Atlanta shocked the state."}); p.Country != "US" || p.Admin1Code != "GA" || p.Precision != "admin1" {
		t.Errorf("Georgia near Atlanta: got %s", describe(p))
	}
}

// TestPalmyraByContext: the Syrian ruin city in a Syria story, a US town
// in a story about its state.
func TestPalmyraByContext(t *testing.T) {
	p := resolveIn(t, "Palmyra", Context{Text: "Government forces retook the town from Islamic State in central Syria, near Homs."})
	if p.Country != "SY" || p.Name != "Tadmur" {
		t.Errorf("Palmyra in a Syria story: got %s", describe(p))
	}
	p = resolveIn(t, "Palmyra", Context{Text: "Lebanon County officials in Pennsylvania said the fire near Hershey was contained."})
	if p.Country != "US" || p.Admin1Code != "PA" {
		t.Errorf("Palmyra in a Pennsylvania story: got %s", describe(p))
	}
}

// TestLongBeach: a US "City, ST" qualifier beats a bare name's
// population prior and never lands in Australia.
func TestLongBeach(t *testing.T) {
	for _, q := range []string{"Long Beach, CA", "Long Beach, California", "Long Beach, Calif."} {
		if p := resolveIn(t, q, Context{}); p.Country != "US" || p.Admin1Code != "CA" {
			t.Errorf("%s: got %s", q, describe(p))
		}
	}
	if p := resolveIn(t, "Long Beach, NY", Context{}); p.Country != "US" || p.Admin1Code != "NY" {
		t.Errorf("Long Beach, NY: got %s", describe(p))
	}
}

// TestUnknownQualifier: a qualifier that names no known country or region
// ("Norland" in sitrep's example wire story) must not be dropped to pick
// a German village of the same name.
func TestUnknownQualifier(t *testing.T) {
	g := gaz(t)
	if res := g.NewResolver(Context{}).Resolve("Kessin, Norland"); res.Best != nil {
		t.Errorf("Kessin, Norland resolved to %s", describe(res.Best))
	}
	r := g.NewResolver(Context{Dateline: "KESSIN, Norland (Wire) -"})
	if res := r.Resolve("Kessin"); res.Best != nil {
		t.Errorf("Kessin under a Norland dateline resolved to %s", describe(res.Best))
	}
	// The dateline uses Norland as a country: Norland, Florida is no answer.
	if res := r.Resolve("Norland"); res.Best != nil {
		t.Errorf("Norland under a Norland dateline resolved to %s", describe(res.Best))
	}
}

// TestCountriesNeverAtZero: every country, division and place has a real
// point; GDELT-style 0,0 placements are a bug.
func TestCountriesNeverAtZero(t *testing.T) {
	g := gaz(t)
	for cc, i := range g.country {
		e := g.rec(i)
		if e.lat == 0 && e.lon == 0 {
			t.Errorf("country %s at 0,0", cc)
		}
	}
	for code, i := range g.admin1 {
		e := g.rec(i)
		if e.lat == 0 && e.lon == 0 {
			t.Errorf("admin1 %s at 0,0", code)
		}
	}
	for i := range g.lines {
		if e := g.rec(int32(i)); e.lat == 0 && e.lon == 0 {
			t.Errorf("record %d (%s, %s) at 0,0", i, e.name, e.cc)
		}
	}
	if len(g.country) < 240 || len(g.admin1) < 3500 {
		t.Errorf("%d countries, %d divisions: data incomplete", len(g.country), len(g.admin1))
	}
}

// TestIndexKeysNormalised: keys in the generated index must be fixed
// points of norm.Key, or lookups silently miss (the file and the code
// would disagree about normalisation).
func TestIndexKeysNormalised(t *testing.T) {
	g := gaz(t)
	for i := 0; i < g.nkeys(); i += 97 {
		if k := g.key(i); !strings.HasPrefix(k, "~") && norm.Key(k) != k {
			t.Fatalf("index key %q normalises to %q: regenerate the data", k, norm.Key(k))
		}
	}
	for i := 1; i < g.nkeys(); i++ {
		if g.key(i-1) >= g.key(i) {
			t.Fatalf("index not sorted at %d: %q >= %q", i, g.key(i-1), g.key(i))
		}
	}
}

// TestConcurrent: one gazetteer and one resolver serve many goroutines
// (run with -race).
func TestConcurrent(t *testing.T) {
	g := gaz(t)
	r := g.NewResolver(Context{Text: "Syrian troops advanced near Homs.", Dateline: "DAMASCUS, Syria (AP) -"})
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go func() {
			for _, n := range []string{"Palmyra", "Georgia", "Long Beach, CA", "Al-Raqqa", "Tripoli"} {
				r.Resolve(n)
				g.NewResolver(Context{Text: "Police in Atlanta said."}).Resolve(n)
			}
			done <- true
		}()
	}
	for i := 0; i < 4; i++ {
		<-done
	}
	if p := resolveIn(t, "Palmyra", Context{Dateline: "DAMASCUS, Syria (AP) -"}); p.Country != "SY" {
		t.Errorf("Palmyra under a Damascus dateline: %s", describe(p))
	}
}

// TestArticles resolves every place named in short articles written for
// this test, with the article as context, as the pipeline will.
func TestArticles(t *testing.T) {
	g := gaz(t)
	articles := []struct {
		dateline, text string
		want           map[string]string // name → "CC" or "CC.ADMIN1"
	}{
		{
			"KYIV, Ukraine, March 3 (Reuters) -",
			`Russian drones struck Kharkiv overnight and artillery hit Lyman and Kupiansk, Ukrainian officials said.
Russia's defence ministry said its forces had shot down missiles over the Belgorod region. In Odesa, a port
warehouse burned. Zelenskiy is due in Washington next week.`,
			map[string]string{"Kharkiv": "UA.07", "Lyman": "UA.05", "Kupiansk": "UA.07", "Belgorod region": "RU.09",
				"Odesa": "UA.17", "Washington": "US.DC", "Russia": "RU", "Russian": "RU"},
		},
		{
			"ATLANTA (AP) —",
			`A gunman opened fire at a grocery store in Athens on Saturday, police in Georgia said. The suspect
was arrested near Macon. Governor Kemp said state troopers were sent from Savannah and Augusta.`,
			map[string]string{"Athens": "US.GA", "Georgia": "US.GA", "Macon": "US.GA", "Savannah": "US.GA", "Augusta": "US.GA"},
		},
		{
			"BEIRUT (Reuters) -",
			`Israeli strikes hit Tyre and Nabatieh in southern Lebanon, and clashes were reported in Tripoli,
the Lebanese army said. Hezbollah fired rockets at Kiryat Shmona and Metula.`,
			map[string]string{"Tyre": "LB", "Tripoli": "LB.09", "Kiryat Shmona": "IL", "southern Lebanon": "LB"},
		},
		{
			"",
			`Islamic State fighters attacked Syrian army positions near Palmyra and Deir ez-Zor; the Syrian
Observatory said Russian jets struck back near Raqqa.`,
			map[string]string{"Palmyra": "SY.11", "Deir ez-Zor": "SY.07", "Raqqa": "SY.04"},
		},
		{
			"CULIACAN, Mexico (AP) —",
			`Gunmen killed eight people in Culiacan, the capital of Sinaloa state, while in Jalisco police found
bodies near Guadalajara. Troops were also sent to Durango and Zacatecas.`,
			map[string]string{"Culiacan": "MX.25", "Sinaloa": "MX.25", "Guadalajara": "MX.14", "Durango": "MX.10", "Zacatecas": "MX.32"},
		},
		{
			"OUAGADOUGOU, Burkina Faso (Reuters) -",
			`Jihadists attacked an army post near Djibo and a convoy outside Dori, officials said. Burkina Faso,
Mali and Niger left the regional bloc last year.`,
			map[string]string{"Djibo": "BF", "Dori": "BF", "Niger": "NE", "Mali": "ML"},
		},
		{
			"GOMA, Congo (AP) —",
			`M23 rebels backed by Rwanda advanced on Bukavu after taking Goma, while in Beni the ADF killed
villagers. The government in Kinshasa called for sanctions.`,
			map[string]string{"Bukavu": "CD.12", "Goma": "CD.11", "Beni": "CD.11", "Kinshasa": "CD", "Rwanda": "RW"},
		},
		{
			"TBILISI, Georgia (Reuters) -",
			`Police dispersed protesters in Tbilisi and Batumi. Opposition leaders in Kutaisi and Gori called for
new elections; Abkhazia's de facto authorities stayed silent.`,
			map[string]string{"Georgia": "GE", "Batumi": "GE.04", "Kutaisi": "GE", "Gori": "GE", "Abkhazia": "GE.02"},
		},
		{
			"COLUMBIA, S.C. (AP) —",
			`A shooting at a party in Columbia left three dead, South Carolina police said. A second shooting in
Charleston was under investigation, and the suspect may have fled toward Greenville.`,
			map[string]string{"Columbia": "US.SC", "Charleston": "US.SC", "Greenville": "US.SC"},
		},
		{
			// Arabic has no capitals: its words count when they name a
			// country or a big place (Homs, Deir ez-Zor, Syria).
			"",
			`قصفت القوات الروسية مواقع قرب حمص ودير الزور في سوريا، وقالت المصادر إن المدينة تعرضت لغارات.`,
			map[string]string{"Palmyra": "SY.11", "تدمر": "SY.11"},
		},
	}
	for _, a := range articles {
		r := g.NewResolver(Context{Text: a.text, Dateline: a.dateline})
		for name, want := range a.want {
			res := r.Resolve(name)
			if res.Best == nil {
				t.Errorf("%s / %q: unresolved: %s", a.dateline, name, res.Note)
				continue
			}
			got := res.Best.Country
			if strings.Contains(want, ".") {
				got += "." + res.Best.Admin1Code
			}
			if got != want {
				t.Errorf("%s / %q: got %s, want %s", a.dateline, name, describe(res.Best), want)
			}
		}
	}
}

// TestDatelinePlace: the place part of datelines in the styles wires and
// MUC-4's FBIS transcripts use.
func TestDatelinePlace(t *testing.T) {
	for in, want := range map[string]string{
		"KESSIN, Norland (Wire) - Gunmen on motorcycles": "KESSIN, Norland",
		"PANAMA CITY (PANAMA), 12 JAN 90 (ACAN-EFE)":     "PANAMA CITY, PANAMA",
		"TBILISI, Georgia (Reuters) -":                   "TBILISI, Georgia",
		"KYIV, Ukraine, March 3 (Reuters) -":             "KYIV, Ukraine",
		"BEIRUT/DAMASCUS (Reuters) -":                    "BEIRUT",
		"PORT ALDANE (Ledger) —":                         "PORT ALDANE",
		"WASHINGTON, Oct. 7 (AP) —":                      "WASHINGTON",
		"SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS)":      "SAN SALVADOR",
		"GREELEY, Colo. - A man was wounded Tuesday":     "GREELEY, Colo.",
	} {
		if got := datelinePlace(in); got != want {
			t.Errorf("datelinePlace(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCommonWordAbroad: a word the story also writes in lower case is a
// common noun; capitalised inside a name ("Mercy Hospital") it does not
// send the event to a foreign town of that name, while a same-named town
// in the story's own country keeps it.
func TestCommonWordAbroad(t *testing.T) {
	g := gaz(t)
	tests := []struct {
		name, query, text string
		wantNone          bool
		country, admin1   string
	}{
		{"hospital in an Ohio story", "Hospital",
			"Police in Dayton, Ohio, said the man was taken to Mercy Hospital. The hospital said he was stable. Ohio police are investigating.",
			true, "", ""},
		{"metro in a Texas story", "Metro",
			"Police in Houston, Texas, said a Metro bus driver saw the shooting. The metro line was closed.",
			true, "", ""},
		{"mobile in an Alabama story", "Mobile",
			"Police in Alabama said the shooting was filmed on a mobile phone in Mobile, near Montgomery.",
			false, "US", "AL"},
		{"never written in lower case", "Hospital", "Police in Dayton, Ohio, said the man was taken to Hospital.",
			false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := g.NewResolver(Context{Text: tt.text}).Resolve(tt.query)
			if tt.wantNone {
				if res.Best != nil {
					t.Errorf("%s: got %s, want no place (%s)", tt.query, describe(res.Best), res.Note)
				}
				return
			}
			if res.Best == nil {
				t.Fatalf("%s: no place (%s), want one", tt.query, res.Note)
			}
			if tt.country != "" && (res.Best.Country != tt.country || res.Best.Admin1Code != tt.admin1) {
				t.Errorf("%s: got %+v (%s), want %s-%s", tt.query, res.Best, res.Note, tt.country, tt.admin1)
			}
		})
	}
}

// TestPossessiveCounty: a county named with a possessive is the county's
// state, not a place inside a town of the possessor's name.
func TestPossessiveCounty(t *testing.T) {
	for _, q := range []string{"Prince George’s County", "Prince George's County"} {
		if p := resolveIn(t, q, Context{}); p.Country != "US" || p.Admin1Code != "MD" || p.Precision != "admin1" {
			t.Errorf("%q: got %s", q, describe(p))
		}
	}
}
