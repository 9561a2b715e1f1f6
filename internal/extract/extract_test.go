package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/nlp"
	"sitrep/internal/nlp/timex"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

func TestEventDate(t *testing.T) {
	tests := []struct {
		value, typ            string
		start, end, precision string
	}{
		{"2015-09-30", "DATE", "2015-09-30", "2015-09-30", "day"},
		{"2016-12", "DATE", "2016-12-01", "2016-12-31", "month"},
		{"2024-02", "DATE", "2024-02-01", "2024-02-29", "month"},
		{"2017", "DATE", "2017-01-01", "2017-12-31", "year"},
		{"2024-W12", "DATE", "2024-03-18", "2024-03-24", "week"},
		{"2024-03-27T01:30", "TIME", "2024-03-27", "2024-03-27", "day"},
		{"P18M", "DURATION", "", "", ""},
		{"PRESENT_REF", "DATE", "", "", ""},
		{"2024-02-30", "DATE", "", "", ""},
		{"", "DATE", "", "", ""},
	}
	for _, tt := range tests {
		d := eventDate(timex.Expr{Type: tt.typ, Value: tt.value, Text: tt.value})
		var got [3]string
		if d != nil {
			got = [3]string{d.Start, d.End, d.Precision}
		}
		if want := [3]string{tt.start, tt.end, tt.precision}; got != want {
			t.Errorf("eventDate(%s %q) = %v, want %v", tt.typ, tt.value, got, want)
		}
	}
}

func TestPlaceMentions(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"A car bomb exploded in Port Aldane on Saturday.", []string{"Port Aldane"}},
		{"Fighting raged near the northern city of Aleppo and in Idlib.", []string{"Aleppo", "Idlib"}},
		{"Gunmen attacked a checkpoint outside Kessin, Norland, at dawn.", []string{"Kessin, Norland"}},
		{"Moscow blamed Kyiv for the attack.", nil},
		{"The bomb went off at the ferry terminal.", nil},
		{"The plane crashed near Sharm el-Sheikh.", []string{"Sharm el-Sheikh"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range PlaceMentions(tt.sentence, nlp.Span{Start: 0, End: len(tt.sentence)}) {
			got = append(got, p.Name)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("PlaceMentions(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestMergeKeepsRetrospectiveEventsApart checks the rules an analyst
// applies to one article: a dated event in a later paragraph is its own
// incident, casualties are never added across sentences, and an undated
// lead event is dated to the week before publication, not the day.
func TestMergeKeepsRetrospectiveEventsApart(t *testing.T) {
	a := article.Article{
		Title:     "Car bomb kills six in Port Aldane",
		Published: time.Date(2025, 6, 14, 12, 0, 0, 0, time.UTC),
		Text: "A car bomb exploded outside the ferry terminal in Port Aldane, killing six people and wounding 23.\n\n" +
			"The bombing killed six people, the health ministry said later.\n\n" +
			"In March 2019, a bombing at the central market killed eleven people.",
	}
	res := Extract(a, Options{})
	if len(res.Events) != 2 {
		t.Fatalf("got %d events, want 2: %+v", len(res.Events), res.Events)
	}
	main, old := res.Events[0], res.Events[1]
	if main.Killed == nil || main.Killed.Min != 6 {
		t.Errorf("main event killed = %+v, want 6 (not 12: the same dead told twice)", main.Killed)
	}
	if main.Date == nil || main.Date.Start != "2025-06-08" || main.Date.End != "2025-06-14" || main.Date.Precision != "week" {
		t.Errorf("main event date = %+v, want the week to 2025-06-14", main.Date)
	}
	if old.Date == nil || old.Date.Start != "2019-03-01" || old.Date.Precision != "month" {
		t.Errorf("retrospective event date = %+v, want March 2019", old.Date)
	}
	if old.Killed == nil || old.Killed.Min != 11 {
		t.Errorf("retrospective event killed = %+v, want 11", old.Killed)
	}
	for _, ev := range res.Events {
		for _, e := range ev.Evidence {
			if got := string([]rune(a.Text)[e.Start:e.End]); got != e.Text {
				t.Errorf("evidence offsets [%d,%d) give %q, want %q", e.Start, e.End, got, e.Text)
			}
		}
	}
}

func TestExtractNoEvents(t *testing.T) {
	for _, text := range []string{
		"The city council approved the new budget on Tuesday.",
		// A weak word alone ("strike", "plane") is no air strike.
		"Court clerks called off the strike they had begun last month.",
		"Both envoys are booked on a later plane home on Friday.",
	} {
		res := Extract(article.Article{Text: text, Published: time.Now()}, Options{})
		if len(res.Events) != 0 {
			t.Errorf("got events from %q: %+v", text, res.Events)
		}
	}
	if res := Extract(article.Article{}, Options{}); len(res.Events) != 0 || len(res.Warnings) != 0 {
		t.Errorf("empty article: %+v", res)
	}
}

// TestGolden runs the whole pipeline on the bundled example pages and
// compares with testdata/golden (go test ./internal/extract -run Golden -update).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*"))
	if len(files) == 0 {
		t.Fatal("no example pages")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := article.Read(filepath.Base(f), data, article.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.MarshalIndent(Extract(a, Options{}).Events, "", "  ")
			golden := filepath.Join("testdata", "golden", filepath.Base(f)+".json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if strings.TrimSpace(string(got)) != strings.TrimSpace(string(want)) {
				t.Errorf("events differ from %s (run with -update if the change is intended):\n%s", golden, got)
			}
		})
	}
}

// TestLeadDate checks that the main event takes the recent date its
// opening paragraphs give, even from a sentence that is not itself an
// event mention, and never a background date from long before.
func TestLeadDate(t *testing.T) {
	a := article.Article{
		Published: time.Date(2016, 10, 18, 20, 0, 0, 0, time.UTC),
		Text: "Police were called to the school on Sunday afternoon. The district was founded on September 30, 1998.\n\n" +
			"A gunman killed two students outside the school, officials said.",
	}
	evs := Extract(a, Options{}).Events
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	if d := evs[0].Date; d == nil || d.Start != "2016-10-16" || d.Precision != "day" {
		t.Errorf("main event date = %+v, want 2016-10-16 (the Sunday before publication)", d)
	}
}

// TestShotLessKilled checks that people hit by gunfire with no fate stated
// count as wounded once the event's dead are taken out.
func TestShotLessKilled(t *testing.T) {
	a := article.Article{
		Published: time.Date(2015, 5, 4, 12, 0, 0, 0, time.UTC),
		Text:      "Four people were shot outside a bar in Dayton on Sunday night, police said. One man was killed in the shooting.",
	}
	evs := Extract(a, Options{}).Events
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	ev := evs[0]
	if ev.Killed == nil || ev.Killed.Min != 1 {
		t.Errorf("killed = %v, want 1", ev.Killed)
	}
	if ev.Wounded == nil || ev.Wounded.Min != 3 {
		t.Errorf("wounded = %v, want 3 (four shot, one killed)", ev.Wounded)
	}
}

// TestVictimActors checks that victims resolve to catalog actors, a list
// of two actors being split into both.
func TestVictimActors(t *testing.T) {
	a := article.Article{
		Published: time.Date(2021, 8, 27, 12, 0, 0, 0, time.UTC),
		Text:      "A suicide bomber struck the airport gate in Kabul on Thursday, killing 13 American military personnel and at least 169 Afghans.",
	}
	evs := Extract(a, Options{}).Events
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	got := map[string]string{}
	for _, v := range evs[0].Victims {
		if v.Actor != nil {
			got[v.Name] = *v.Actor
		}
	}
	if got["13 American military personnel"] == "" || got["at least 169 Afghans"] == "" {
		t.Errorf("victims = %+v, want both parts resolved to actors", evs[0].Victims)
	}
	if k := evs[0].Killed; k == nil || k.Min != 182 {
		t.Errorf("killed = %v, want 182+", k)
	}
}

func TestIsVideoCaption(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"2:47 Dalmera shooting witnesses speak out: 'We heard six shots.'", true},
		{"0:40 Teacher arrested on charges", true},
		{"9:15 Wednesday night police were called.", false},
		{"10:30 p.m. shots were heard.", false},
		{"Police said 3:31 was the time of the call.", false},
		{"12:05 AM Shots fired downtown", false},
	}
	for _, tt := range tests {
		if got := isVideoCaption(tt.s); got != tt.want {
			t.Errorf("isVideoCaption(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestMainEventLateDate checks that a violent main event first told past
// the opening paragraphs, with no date of its own, takes the recent date
// the opening paragraphs give.
func TestMainEventLateDate(t *testing.T) {
	a := article.Article{
		Title:     "Man shot outside Dalmera bar",
		Published: time.Date(2016, 7, 21, 12, 0, 0, 0, time.UTC),
		Text: "Police were called to Elm Street on Tuesday night.\n\nShare this story.\n\nSubscribe to our newsletter.\n\n" +
			"A man was shot outside a bar, police said. He was taken to hospital.",
	}
	evs := Extract(a, Options{}).Events
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	if d := evs[0].Date; d == nil || d.Start != "2016-07-19" || d.Precision != "day" {
		t.Errorf("main event date = %+v, want 2016-07-19 (the Tuesday before publication)", d)
	}
}

// TestRiderCasualties checks that a toll told in a sentence that names no
// event of its own is counted with the event told beside it, before or
// after, and that a dated toll or one far from any event is not.
func TestRiderCasualties(t *testing.T) {
	pub := time.Date(2015, 5, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text      string
		killed, wounded int // -1: not given
	}{
		{"toll after the event", "Gunmen opened fire outside a bar in Dayton on Sunday night, police said. She died at Mercy General hours later. Two others who were hurt are expected to recover.", 1, 2},
		{"toll before the event", "A 19-year-old man is dead. Gunmen opened fire outside a bar in Dayton on Sunday night, police said.", 1, -1},
		{"dated toll is background", "Gunmen opened fire outside a bar in Dayton on Sunday night, police said. By 2013, 40 people had died on that road.", -1, -1},
		{"toll dated days after the event", "Gunmen opened fire outside a bar in Dayton on Friday night, police said. The man was taken to Mercy General, where he died on Sunday.", 1, -1},
		{"toll at a clock time", "Gunmen opened fire outside a bar in Dayton on Sunday night, police said. He was pronounced dead at 11:40 p.m.", 1, -1},
		{"toll dated before the event", "Gunmen opened fire outside a bar in Dayton on Sunday night, police said. On Friday, he had been hurt in a fall at home.", -1, -1},
		{"the opening paragraph's toll, the event told paragraphs on", "A 19-year-old man is dead after a quarrel on Hale Street, relatives said.\n\nHis aunt remembered a quiet boy.\n\nNeighbours left flowers by the gate.\n\nDetectives said a gunman opened fire from a car in Dayton on Sunday night.", 1, -1},
		{"toll paragraphs away", "Gunmen opened fire outside a bar in Dayton on Sunday night, police said.\n\nThe mayor spoke.\n\nThe council met.\n\nSix people were injured in a crash on the interstate.", -1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := Extract(article.Article{Published: pub, Text: tt.text}, Options{}).Events
			if len(evs) == 0 {
				t.Fatal("no event")
			}
			for _, c := range []struct {
				field string
				got   *Count
				want  int
			}{{"killed", evs[0].Killed, tt.killed}, {"wounded", evs[0].Wounded, tt.wounded}} {
				got := -1
				if c.got != nil {
					got = c.got.Min
				}
				if got != c.want {
					t.Errorf("%s = %d, want %d", c.field, got, c.want)
				}
			}
		})
	}
}

func TestDateNarrows(t *testing.T) {
	week := &Date{Start: "2015-04-27", End: "2015-05-03", Precision: "week"}
	tests := []struct {
		d    *Date
		want bool
	}{
		{&Date{Start: "2015-04-29", End: "2015-04-29", Precision: "day"}, true},
		{&Date{Start: "2015-05-04", End: "2015-05-04", Precision: "day"}, false},   // after the week
		{&Date{Start: "2015-04-27", End: "2015-05-03", Precision: "week"}, false},  // the same range
		{&Date{Start: "2015-04-01", End: "2015-04-30", Precision: "month"}, false}, // wider
		{nil, false},
	}
	for _, tt := range tests {
		if got := tt.d.narrows(week); got != tt.want {
			t.Errorf("%v narrows %v = %v, want %v", tt.d, week, got, tt.want)
		}
	}
}

// TestMainEventDateRefined checks that a retelling that gives the day
// within the range the first telling gave ("last week") dates the event.
func TestMainEventDateRefined(t *testing.T) {
	a := article.Article{
		Published: time.Date(2015, 5, 6, 12, 0, 0, 0, time.UTC),
		Text:      "A gunman opened fire outside a bar in Dayton last week, killing two men.\n\nThe shooting happened on April 29 after an argument, police said.",
	}
	evs := Extract(a, Options{}).Events
	if len(evs) == 0 || evs[0].Date == nil {
		t.Fatalf("no dated event: %+v", evs)
	}
	if d := evs[0].Date; d.Start != "2015-04-29" || d.Precision != "day" {
		t.Errorf("date = %+v, want 2015-04-29 (day)", d)
	}
}

// TestLeadDateAfterCaptions checks that the lead's day is found past a
// page's caption paragraphs, that a day beats a rougher date given
// before it, and that a rough text date is refined only by a day within it.
func TestLeadDateAfterCaptions(t *testing.T) {
	pub := time.Date(2016, 7, 21, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text string
		want       string // start of the main event's day, "" for none
	}{
		{"day in the third paragraph", "Photo: a street in Dalmera.\n\nWatch the video above.\n\nPolice were called to Elm Street on Tuesday night, a spokesman said.\n\nA man was shot outside a bar, police said.", "2016-07-19"},
		{"day after a rough date", "Earlier this month the council met.\n\nPolice were called to Elm Street on Tuesday night.\n\nSubscribe.\n\nA man was shot outside a bar, police said.", "2016-07-19"},
		{"day outside the rough date", "A man was shot outside a bar last week, police said.\n\nThe bar reopened on Wednesday, July 20.", ""},
		{"fifth paragraph is too far", "Photo.\n\nVideo.\n\nShare.\n\nSubscribe.\n\nThe mayor toured Elm Street on Tuesday.\n\nA man was shot outside a bar, police said.", ""},
		// ...unless it tells of the incident's scene (a "stray" candidate
		// of the date ranker, taken when nothing better dates the event).
		{"fifth paragraph, the police called", "Photo.\n\nVideo.\n\nShare.\n\nSubscribe.\n\nPolice were called to Elm Street on Tuesday.\n\nA man was shot outside a bar, police said.", "2016-07-19"},
		// The date ranker (daterank.go): the violent event's day, not the
		// day of the arrest, the hearing or the page's own stamp.
		{"arrest told first", "Posted: Thursday, July 21, 2016\n\nPolice arrested a Dalmera man on Wednesday in connection with a shooting.\n\nA 24-year-old man was shot and killed outside a bar on Elm Street late Saturday night, police said.", "2016-07-16"},
		{"hearing and shooting", "A man accused of shooting two people appeared in court Wednesday.\n\nThe two were wounded about 10 p.m. on July 4 outside a store in Dalmera, police said.\n\nHis next hearing is set for Aug. 3.", "2016-07-04"},
		{"the lead's day", "Two men were shot early Sunday outside a club in Dalmera, police said Monday.\n\nBoth were taken to a hospital.", "2016-07-17"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := Extract(article.Article{Published: pub, Text: tt.text}, Options{}).Events
			if len(evs) == 0 {
				t.Fatal("no event")
			}
			got := ""
			if d := evs[0].Date; d != nil && d.Precision == "day" {
				got = d.Start
			}
			if got != tt.want {
				t.Errorf("main event day = %q, want %q (date %+v)", got, tt.want, evs[0].Date)
			}
		})
	}
}

func TestReportDate(t *testing.T) {
	tests := []struct {
		before string
		want   bool
	}{
		{"Two men were shot, police said ", true},
		{"the sheriff told reporters on ", true},
		{"A gunman opened fire on ", false},
		{"The shooting happened early ", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := reportDate(tt.before); got != tt.want {
			t.Errorf("reportDate(%q) = %v, want %v", tt.before, got, tt.want)
		}
	}
}

// TestEventNotDatedByStatement checks that the day a statement was made
// does not date the event it is about.
func TestEventNotDatedByStatement(t *testing.T) {
	a := article.Article{
		Published: time.Date(2016, 7, 21, 12, 0, 0, 0, time.UTC),
		Text:      "Police said Wednesday that a man was shot and killed outside the bar late on Tuesday.",
	}
	evs := Extract(a, Options{}).Events
	if len(evs) == 0 || evs[0].Date == nil {
		t.Fatalf("no dated event: %+v", evs)
	}
	if d := evs[0].Date; d.Start != "2016-07-19" {
		t.Errorf("date = %+v, want 2016-07-19 (Tuesday, not the day police spoke)", d)
	}
}

// TestHeadlineDayIsNoPlace checks that a day a headline names is not
// read as a place spelled the same ("Thursday" is also a town abroad).
func TestHeadlineDayIsNoPlace(t *testing.T) {
	for _, title := range []string{"Two hurt in Thursday shooting", "Thursday shooting leaves two hurt near school"} {
		a := article.Article{
			Title:     title,
			Published: time.Date(2016, 7, 22, 12, 0, 0, 0, time.UTC),
			Text:      "Two people were shot and wounded outside a school, police said.",
		}
		evs := Extract(a, Options{}).Events
		if len(evs) == 0 {
			t.Fatalf("%q: no event", title)
		}
		if l := evs[0].Location; l != nil {
			t.Errorf("%q: location = %+v, want none", title, *l)
		}
	}
}

// TestKidnappingAndKillingApart checks that a kidnapping told in the lead
// and a killing told with a day of its own stay two events, while
// hostages taken in a shooting stay the shooting's.
func TestKidnappingAndKillingApart(t *testing.T) {
	pub := time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC)
	a := article.Article{Published: pub,
		Text: "Gunmen kidnapped the mayor of Vesca as he left his office.\n\nOn Thursday, gunmen shot dead a councillor in the same town."}
	if evs := Extract(a, Options{}).Events; len(evs) != 2 {
		t.Errorf("kidnapping and killing on other days: %d events, want 2: %+v", len(evs), evs)
	}
	a.Text = "A gunman opened fire in a nightclub in Vesca on Sunday, killing 12 people.\n\nOn Sunday he held several people hostage in a bathroom before police stormed the building."
	evs := Extract(a, Options{}).Events
	n := 0
	for _, ev := range evs {
		if ev.Killed != nil {
			n++
			if ev.Killed.Min != 12 {
				t.Errorf("hostages in a shooting: killed %+v, want 12", ev.Killed)
			}
		}
	}
	if n != 1 {
		t.Errorf("hostages in a shooting: %d events with dead, want 1: %+v", n, evs)
	}
}
