package cluster

import (
	"fmt"
	"testing"
	"time"
)

func day0(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func ip(n int) *int { return &n }

// story is a fictional report: the fields the extractor would give and
// the text the article would carry.
type story struct {
	id, pub, date     string
	dateEnd           string // the last day of a date given as a span; date alone when empty
	admin1, city      string
	country           string // "ZZ" when empty (unless noCountry)
	subtype           string
	killed, wounded   *int
	title, text       string
	noCountry, noDate bool
}

var subtypeType = map[string]string{
	"attack": "violence_against_civilians", "armed_clash": "battles", "suicide_bomb": "explosions_remote_violence",
	"remote_explosive_landmine_ied": "explosions_remote_violence", "arrests": "strategic_developments",
	"peaceful_protest": "protests",
}

func (s story) item() Item {
	it := Item{ArticleID: s.id, Published: day0(s.pub), Admin1: s.admin1, City: s.city,
		Subtype: s.subtype, Type: subtypeType[s.subtype], Killed: s.killed, Wounded: s.wounded,
		Signature: SimHash(s.title + "\n" + s.text), Tokens: Tokens(s.title, s.text)}
	if !s.noCountry {
		it.Country = "ZZ"
		if s.country != "" {
			it.Country = s.country
		}
	}
	if !s.noDate {
		it.Start, it.End = day0(s.date), day0(s.date)
		if s.dateEnd != "" {
			it.End = day0(s.dateEnd)
		}
	}
	return it
}

const (
	marketText = "A car bomb exploded at the crowded Kelvara fish market in Port Dunmore on Tuesday morning, " +
		"killing at least twelve traders and shoppers, the regional governor Amsel Tovik told reporters. " +
		"Witnesses said the blast tore through the stalls near the harbour gate shortly after dawn. " +
		"Ambulances ferried the wounded to the Saint Aurel hospital, where doctors appealed for blood donors. " +
		"No group has said it carried out the bombing, the third in the port city since the autumn, " +
		"and the governor ordered the market closed for a week while investigators search the wreckage."
	marketCopy = "PORT DUNMORE - A car bomb exploded at the crowded Kelvara fish market in Port Dunmore on Tuesday morning, " +
		"killing at least twelve traders and shoppers, the regional governor Amsel Tovik told reporters. " +
		"Witnesses said the blast tore through the stalls near the harbour gate shortly after dawn. " +
		"Ambulances ferried the wounded to the Saint Aurel hospital, where doctors appealed for blood donors. " +
		"No group has said it carried out the bombing, the third in the port city since the autumn, " +
		"and the governor ordered the market closed for a week while investigators search the wreckage. Share this story."
	marketLater = "The toll from Tuesday's car bombing at the Kelvara fish market in Port Dunmore rose to nineteen, " +
		"governor Amsel Tovik said, as two more traders died in hospital near the harbour gate."
	checkpointTrial = "Two men went on trial in Port Dunmore on Monday over the attack in March on the Orrin bridge road checkpoint, " +
		"where gunmen on motorbikes wounded an officer before fleeing into the Saltmarsh district, prosecutors said."
	checkpointText = "Gunmen on motorbikes fired on a police checkpoint on the Orrin bridge road in Port Dunmore late on Tuesday, " +
		"wounding one officer before fleeing into the Saltmarsh district, a police spokesman said."
)

func TestClusterer(t *testing.T) {
	for _, tc := range []struct {
		name    string
		stories []story
		want    []int // incident of each story, by order of first appearance
	}{
		{"syndicated copy joins even unplaced and undated", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "suicide_bomb", killed: ip(12),
				title: "Car bomb kills 12 at Port Dunmore market", text: marketText},
			{id: "b", pub: "2031-03-05", subtype: "attack", noCountry: true, noDate: true,
				title: "Car bomb kills 12 at Port Dunmore market", text: marketCopy},
		}, []int{0, 0}},
		{"same day, same city, different incidents stay apart", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "remote_explosive_landmine_ied", killed: ip(12),
				title: "Car bomb kills 12 at Port Dunmore market", text: marketText},
			{id: "b", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Officer wounded as gunmen fire on checkpoint", text: checkpointText},
		}, []int{0, 1}},
		{"growing death toll merges", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "remote_explosive_landmine_ied", killed: ip(12),
				title: "Car bomb kills 12 at Port Dunmore market", text: marketText},
			{id: "b", pub: "2031-03-06", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", killed: ip(19),
				title: "Kelvara market bombing toll rises to 19", text: marketLater},
		}, []int{0, 0}},
		{"a later, much lower toll is another incident", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "remote_explosive_landmine_ied", killed: ip(19),
				title: "Car bomb kills 19 at Port Dunmore market", text: marketText},
			{id: "b", pub: "2031-03-06", date: "2031-03-05", admin1: "Velm", city: "Port Dunmore", subtype: "remote_explosive_landmine_ied", killed: ip(2),
				title: "Second bomb at Kelvara market kills two", text: marketLater},
		}, []int{0, 1}},
		{"far-apart dates stay apart", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "remote_explosive_landmine_ied", killed: ip(12),
				title: "Car bomb kills 12 at Port Dunmore market", text: marketText},
			{id: "b", pub: "2031-05-04", date: "2031-05-04", admin1: "Velm", city: "Port Dunmore", subtype: "remote_explosive_landmine_ied", killed: ip(12),
				title: "Car bomb kills 12 at Port Dunmore market", text: marketLater},
		}, []int{0, 1}},
		{"other admin1 with unrelated text stays apart", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Officer wounded as gunmen fire on checkpoint", text: checkpointText},
			{id: "b", pub: "2031-03-04", date: "2031-03-04", admin1: "Osk", city: "Brannick", subtype: "attack", killed: ip(12),
				title: "Car bomb kills 12 at market", text: marketLater},
		}, []int{0, 1}},
		{"a namesake town in another admin1 is the same town", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Officer wounded as gunmen fire on checkpoint", text: checkpointText},
			{id: "b", pub: "2031-03-05", date: "2031-03-04", admin1: "Osk", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Port Dunmore officer hurt in motorbike attack", text: "An officer was hurt when men on motorbikes shot at a checkpoint in Port Dunmore on Tuesday night before escaping."},
		}, []int{0, 0}},
		{"arrest report of the same story joins on strong text", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Officer wounded as gunmen fire on Orrin bridge checkpoint", text: checkpointText},
			{id: "b", pub: "2031-03-05", date: "2031-03-05", admin1: "Velm", city: "Port Dunmore", subtype: "arrests",
				title: "Two held over Orrin bridge checkpoint shooting", text: "Police in Port Dunmore arrested two men over the attack on the Orrin bridge road checkpoint in which gunmen on motorbikes wounded an officer before fleeing into the Saltmarsh district."},
		}, []int{0, 0}},
		{"follow-up a week later joins on strong text", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Officer wounded as gunmen fire on Orrin bridge checkpoint", text: checkpointText},
			{id: "b", pub: "2031-03-12", date: "2031-03-11", admin1: "Velm", city: "Port Dunmore", subtype: "arrests",
				title: "Two held over Orrin bridge checkpoint shooting", text: "Police in Port Dunmore arrested two men on Monday over last week's attack on the Orrin bridge road checkpoint in which gunmen on motorbikes wounded an officer before fleeing into the Saltmarsh district."},
		}, []int{0, 0}},
		{"follow-up a week later with other text stays apart", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Officer wounded as gunmen fire on Orrin bridge checkpoint", text: checkpointText},
			{id: "b", pub: "2031-03-12", date: "2031-03-11", admin1: "Velm", city: "Port Dunmore", subtype: "arrests",
				title: "Smugglers held at Port Dunmore harbour", text: "Customs officers in Port Dunmore arrested two men on Monday after finding rifles hidden in a fishing boat at the harbour."},
		}, []int{0, 1}},
		{"a trial months later that gives the month of the attack joins", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Officer wounded as gunmen fire on Orrin bridge checkpoint", text: checkpointText},
			{id: "b", pub: "2031-09-20", date: "2031-03-01", dateEnd: "2031-03-31", admin1: "Velm", city: "Port Dunmore", subtype: "arrests",
				title: "Trial opens over checkpoint attack", text: checkpointTrial},
		}, []int{0, 0}},
		{"a trial that gives another month stays apart", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Officer wounded as gunmen fire on Orrin bridge checkpoint", text: checkpointText},
			{id: "b", pub: "2031-09-20", date: "2031-05-01", dateEnd: "2031-05-31", admin1: "Velm", city: "Port Dunmore", subtype: "arrests",
				title: "Trial opens over checkpoint attack", text: checkpointTrial},
		}, []int{0, 1}},
		{"a sentence two years later that gives the day of the attack joins", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", wounded: ip(1),
				title: "Officer wounded as gunmen fire on Orrin bridge checkpoint", text: checkpointText},
			{id: "b", pub: "2033-02-10", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "arrests",
				title: "Trial opens over checkpoint attack", text: checkpointTrial},
		}, []int{0, 0}},
		{"a report that no one else was hurt does not contradict a toll", []story{
			{id: "a", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "remote_explosive_landmine_ied", killed: ip(12), wounded: ip(30),
				title: "Car bomb kills 12 at Port Dunmore market", text: marketText},
			{id: "b", pub: "2031-03-04", date: "2031-03-04", admin1: "Velm", city: "Port Dunmore", subtype: "attack", killed: ip(12), wounded: ip(0),
				title: "Kelvara market bombing kills 12", text: marketLater},
		}, []int{0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Unrelated background so the IDF weights are not those of
			// a two-document corpus.
			checkIncidents(t, tc.stories, tc.want, 20, "police said the attack happened on tuesday in the city and people were killed and wounded")
		})
	}
}

// checkIncidents adds n background stories of text to a new Clusterer,
// then the stories in order, and checks each lands in the incident want
// numbers (in order of first appearance).
func checkIncidents(t *testing.T, stories []story, want []int, n int, background string) {
	t.Helper()
	c := New()
	for i := range n {
		c.df.add(Tokens(fmt.Sprintf("Background story %d", i), background))
	}
	ids := map[int]int{}
	for i, s := range stories {
		got := c.Add(s.item())
		if _, ok := ids[got]; !ok {
			ids[got] = len(ids)
		}
		if ids[got] != want[i] {
			t.Errorf("story %s: incident %d, want %d", s.id, ids[got], want[i])
		}
	}
}

func TestNearDuplicate(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{marketText, marketText, true},
		{marketText, marketCopy, true},
		{marketText, marketLater, false},
		{marketText, checkpointText, false},
		{"", "", false},
	} {
		if got := NearDuplicate(SimHash(tc.a), SimHash(tc.b)); got != tc.want {
			t.Errorf("NearDuplicate(%.30q, %.30q) = %v (distance %d), want %v", tc.a, tc.b, got, Hamming(SimHash(tc.a), SimHash(tc.b)), tc.want)
		}
	}
}

// TestIndexOnly proves a new event is compared only with the incidents
// filed under its days and place: thousands of incidents on other days
// or in other admin1s cost it nothing.
func TestIndexOnly(t *testing.T) {
	c := New()
	for i := range 5000 {
		s := story{id: fmt.Sprint(i), pub: "2031-01-01", date: "2031-01-01", admin1: fmt.Sprintf("region%d", i%50),
			city: "Town", subtype: "attack", killed: ip(i % 7), title: fmt.Sprintf("Attack number %d", i), text: fmt.Sprintf("story %d of many", i)}
		d := day0("2031-01-01").AddDate(0, 0, i/50*10) // a new day every 50 incidents
		it := s.item()
		it.Published, it.Start, it.End = d, d, d
		c.Add(it)
	}
	// Three incidents share the new event's day and admin1.
	for i := range 3 {
		c.Add(story{id: fmt.Sprint("near", i), pub: "2035-06-01", date: "2035-06-01", admin1: "Velm", city: "Port Dunmore",
			subtype: "attack", killed: ip([]int{1, 10, 100}[i]), title: []string{"Grocer shot", "Ferry sunk", "Depot burned"}[i], text: []string{"alpha beta", "gamma delta", "epsilon zeta"}[i]}.item())
	}
	before := c.Comparisons
	c.Add(story{id: "new", pub: "2035-06-01", date: "2035-06-01", admin1: "Velm", city: "Port Dunmore", subtype: "attack",
		title: "Car bomb kills 12 at Port Dunmore market", text: marketText}.item())
	if n := c.Comparisons - before; n != 3 {
		t.Errorf("new event compared with %d incidents, want the 3 of its bucket (of %d)", n, len(c.Incidents))
	}
}

func TestNumberBest(t *testing.T) {
	r := func(id, pub string, v int) Report { return Report{ArticleID: id, Published: day0(pub), Value: v} }
	for _, tc := range []struct {
		name         string
		reports      []Report
		best, lo, hi int
	}{
		{"latest wins", []Report{r("a", "2031-01-01", 3), r("b", "2031-01-03", 9), r("c", "2031-01-02", 5)}, 9, 3, 9},
		{"latest day, most cited", []Report{r("a", "2031-01-03", 9), r("b", "2031-01-03", 7), r("c", "2031-01-03", 7)}, 7, 7, 9},
		{"tie of citations, larger", []Report{r("a", "2031-01-03", 9), r("b", "2031-01-03", 7)}, 9, 7, 9},
	} {
		n := Number{Reports: tc.reports}
		best, ok := n.Best()
		lo, hi := n.Range()
		if !ok || best != tc.best || lo != tc.lo || hi != tc.hi {
			t.Errorf("%s: best %d range %d..%d, want %d %d..%d", tc.name, best, lo, hi, tc.best, tc.lo, tc.hi)
		}
	}
	if _, ok := (Number{}).Best(); ok {
		t.Error("empty Number has a best estimate")
	}
}

func TestTypesCompatible(t *testing.T) {
	for _, tc := range []struct {
		t1, s1, t2, s2 string
		want           bool
	}{
		{"battles", "armed_clash", "explosions_remote_violence", "suicide_bomb", true},
		{"violence_against_civilians", "attack", "explosions_remote_violence", "grenade", true},
		{"explosions_remote_violence", "grenade", "explosions_remote_violence", "suicide_bomb", true},
		{"explosions_remote_violence", "suicide_bomb", "violence_against_civilians", "abduction_forced_disappearance", false},
		{"protests", "peaceful_protest", "riots", "violent_demonstration", true},
		{"strategic_developments", "arrests", "violence_against_civilians", "attack", false},
	} {
		if got := typesCompatible(tc.t1, tc.s1, tc.t2, tc.s2); got != tc.want {
			t.Errorf("typesCompatible(%s, %s) = %v, want %v", tc.s1, tc.s2, got, tc.want)
		}
	}
}

func TestHeadline(t *testing.T) {
	for in, want := range map[string]string{
		"Three hurt in depot fire - Channel 9 - Springfield": "Three hurt in depot fire",
		"Blast at depot | The Daily Courier":                 "Blast at depot",
		"Al-Noor - the mosque":                               "Al-Noor - the mosque",
	} {
		if got := Headline(in); got != want {
			t.Errorf("Headline(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkAdd measures Add on a stream of events at a steady rate (25
// incidents a day over 5 admin1s) after 10^3, 10^4 and 10^5 incidents
// have been added: each new event looks only at its days and admin1, so
// the time and the comparisons per event stay flat as the store grows.
func BenchmarkAdd(b *testing.B) {
	mk := func(i int) Item {
		d := day0("2000-01-01").AddDate(0, 0, i/25)
		s := story{id: fmt.Sprint(i), pub: "2000-01-01", date: "2000-01-01", admin1: fmt.Sprintf("region%d", i%5),
			city: fmt.Sprintf("town%d", i%10), subtype: "attack", killed: ip(i % 5),
			title: fmt.Sprintf("Shooting number %d in town %d", i, i%10),
			text:  fmt.Sprintf("A fictional report %d of an attack in town %d with %d casualties on day %d.", i, i%10, i%5, i/25)}
		it := s.item()
		it.Published, it.Start, it.End = d, d, d
		return it
	}
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := New()
			for i := range n {
				c.Add(mk(i))
			}
			before, i := c.Comparisons, n
			for b.Loop() {
				c.Add(mk(i))
				i++
			}
			b.ReportMetric(float64(c.Comparisons-before)/float64(i-n), "comparisons/op")
		})
	}
}

// TestAppendDuplicate checks that a report filed as a duplicate (a second
// telling of the incident in one article) is compared with but its counts
// do not contradict a later report's.
func TestAppendDuplicate(t *testing.T) {
	first := story{id: "a", pub: "2025-02-04", date: "2025-02-04", admin1: "Dunmore", city: "Port Dunmore",
		subtype: "suicide_bomb", killed: ip(12), title: "Car bomb kills twelve at Port Dunmore fish market", text: marketText}
	part := first
	part.killed = ip(1) // "one of the dead was a harbour guard"
	later := story{id: "b", pub: "2025-02-04", date: "2025-02-04", admin1: "Dunmore", city: "Port Dunmore",
		subtype: "suicide_bomb", killed: ip(12), title: "Twelve dead as car bomb hits Kelvara market", text: marketLater}
	idf := &docFreq{}
	for _, s := range []story{first, later} {
		idf.add(s.item().Tokens)
	}
	tests := []struct {
		name      string
		duplicate bool
		want      bool
	}{
		{"the part's toll filed as another source's contradicts", false, false},
		{"filed as a duplicate it does not", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &Incident{}
			in.Append(first.item())
			if tt.duplicate {
				in.AppendDuplicate(part.item())
			} else {
				in.Append(part.item())
			}
			if _, ok := Match(in, later.item(), idf); ok != tt.want {
				t.Errorf("Match = %v, want %v", ok, tt.want)
			}
			if len(in.Members) != 2 {
				t.Errorf("%d members, want 2", len(in.Members))
			}
		})
	}
}
