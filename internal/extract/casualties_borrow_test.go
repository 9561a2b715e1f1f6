package extract

import (
	"testing"
	"time"

	"sitrep/internal/article"
)

// TestBorrowWounded checks that a main event telling dead but no wounded
// takes the wounded another event of the same incident tells, or a far
// sentence naming no event, and not those of another incident.
func TestBorrowWounded(t *testing.T) {
	pub := time.Date(2015, 5, 4, 12, 0, 0, 0, time.UTC)
	gap := "\n\nNeighbours said the street had been quiet for years.\n\nThe city council meets on Tuesday.\n\n"
	tests := []struct {
		name, text string
		wounded    int // -1: untold
	}{
		{"wounded told paragraphs on", "A gunman killed a guard outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"The gunman had opened fire on the officers, wounding two of them.", 2},
		{"a former incident with more dead", "A gunman killed a guard outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"In 2009, a gunman killed four people and wounded six at a mall in the city.", -1},
		{"a later incident with more dead", "A gunman killed a guard outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"A second attack killed three people and wounded five at a market.", -1},
		{"an arrest told with the same toll", "A gunman killed a guard outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"Police arrested a man on Monday in connection with the Dalmera shooting, which left one dead and three injured.", 3},
		{"wounded told in a far sentence naming no event", "A gunman killed a guard outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"Two other guards were injured and are expected to recover.", 2},
		{"a state far on may be the dead", "A gunman killed a guard outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"The victim was taken away in critical condition.", -1},
		{"a far sentence dated another year", "A gunman killed a guard outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"In 2009, two other guards were injured at the same warehouse.", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, w, n := mainToll(t, pub, tt.text)
			if k != 1 || w != tt.wounded {
				t.Errorf("killed %d wounded %d, want 1 and %d (%d events)", k, w, tt.wounded, n)
			}
		})
	}
}

// TestBorrowMoreWounded checks that a main event telling dead and some
// wounded takes the larger wounded another event tells beside the same
// dead, when that toll marks the same incident.
func TestBorrowMoreWounded(t *testing.T) {
	pub := time.Date(2015, 5, 4, 12, 0, 0, 0, time.UTC)
	gap := "\n\nNeighbours said the street had been quiet for years.\n\nThe city council meets on Tuesday.\n\n"
	tests := []struct {
		name, text      string
		killed, wounded int
	}{
		{"the same two dead and more wounded", "A gunman shot dead two guards and wounded a driver outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"Two guards were killed and four other workers wounded in the warehouse attack, officials said on Monday.", 2, 4},
		{"an arrest told with the same dead and more wounded", "A gunman shot dead a guard and wounded a driver outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"Police arrested a man on Monday in connection with the Dalmera shooting, which left one dead and three injured.", 1, 3},
		{"an arrest told with the same two dead and more wounded", "A gunman shot dead two guards and wounded a driver outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"Police arrested a man on Monday in connection with the Dalmera shooting, which left two dead and three injured.", 2, 3},
		{"more dead is another incident", "A gunman shot dead two guards and wounded a driver outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"A second attack killed three people and wounded five at a market.", 2, 1},
		{"one dead and more wounded across the city", "A gunman shot dead a guard and wounded a driver outside a warehouse in Dalmera on Sunday night, police said." + gap +
			"Another man was shot dead in Kerrow on Saturday, and nine more people were wounded in separate attacks across the country.", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, w, n := mainToll(t, pub, tt.text)
			if k != tt.killed || w != tt.wounded {
				t.Errorf("killed %d wounded %d, want %d and %d (%d events)", k, w, tt.killed, tt.wounded, n)
			}
		})
	}
}

// TestSameDayWounded checks that a main event takes the wounded of
// another event told on its own day with the same dead, and not one hurt
// beside one dead (who may be that dead), nor another day's.
func TestSameDayWounded(t *testing.T) {
	day := func(s string) *Date { return &Date{Start: s, End: s, Precision: "day"} }
	n := func(k int) *Count { return &Count{Min: k, Max: &k} }
	told := []Reason{{Field: "wounded", Rule: `casualty phrase "three others"`}}
	tests := []struct {
		name    string
		other   Event
		why     []Reason
		wounded int // -1: untold
	}{
		{"same day, same dead", Event{Type: ViolenceAgainstCivilians, Date: day("2015-11-08"), Killed: n(1), Wounded: n(3)}, told, 3},
		{"another day", Event{Type: ViolenceAgainstCivilians, Date: day("2015-11-09"), Killed: n(1), Wounded: n(3)}, told, -1},
		{"other dead", Event{Type: ViolenceAgainstCivilians, Date: day("2015-11-08"), Killed: n(2), Wounded: n(3)}, told, -1},
		{"one hurt beside one dead", Event{Type: ViolenceAgainstCivilians, Date: day("2015-11-08"), Killed: n(1), Wounded: n(1)}, told, -1},
		{"wounded reckoned, not told", Event{Type: ViolenceAgainstCivilians, Date: day("2015-11-08"), Killed: n(1), Wounded: n(3)},
			[]Reason{{Field: "wounded", Rule: shotLessKilled}}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := []Event{{Type: ViolenceAgainstCivilians, Date: day("2015-11-08"), Killed: n(1)}, tt.other}
			sameDayWounded(evs, [][]Reason{nil, tt.why})
			got := -1
			if evs[0].Wounded != nil {
				got = evs[0].Wounded.Min
			}
			if got != tt.wounded {
				t.Errorf("wounded %d, want %d", got, tt.wounded)
			}
		})
	}
}

// TestBorrowTollPastWounded checks that a main event telling its own
// wounded but no dead takes its dead from an arrest told with them, past
// another event that tells only wounded (which has no dead to lend).
func TestBorrowTollPastWounded(t *testing.T) {
	six, one := 6, 1
	evs := []Event{
		{Type: "violence_against_civilians", Subtype: "attack", Wounded: &Count{Min: 6, Max: &six}},
		{Type: "violence_against_civilians", Subtype: "attack", Wounded: &Count{Min: 1, Max: &one}},
		{Type: "strategic_developments", Subtype: "arrests", Killed: &Count{Min: 1, Max: &one}},
	}
	why := [][]Reason{nil, {{Field: "wounded", Value: "1", Rule: "casualty phrase \"one\""}}, {{Field: "killed", Value: "1", Rule: "casualty phrase \"a 19-year-old\""}}}
	borrowToll(evs, why)
	if evs[0].Killed == nil || evs[0].Killed.Min != 1 || evs[0].Wounded == nil || evs[0].Wounded.Min != 6 {
		t.Fatalf("main event: killed %v wounded %v, want 1 and 6", evs[0].Killed, evs[0].Wounded)
	}
}

// TestBorrowWoundedBeyondReckoned checks that a main event whose no-one
// hurt is only reckoned (its one person shot is its one dead) takes the
// wounded another event tells hit beyond those before, and not a wounded
// one who may be its dead.
func TestBorrowWoundedBeyondReckoned(t *testing.T) {
	zero, one := 0, 1
	for _, tt := range []struct {
		rule string
		want int
	}{
		{beyondRule + `, fate untold: "was also shot"`, 1},
		{`casualty phrase "critically injured a 16-year-old"`, 0},
	} {
		evs := []Event{
			{Type: "violence_against_civilians", Subtype: "attack", Killed: &Count{Min: 1, Max: &one}, Wounded: &Count{Min: 0, Max: &zero}},
			{Type: "violence_against_civilians", Subtype: "attack", Wounded: &Count{Min: 1, Max: &one}},
		}
		why := [][]Reason{
			{{Field: "shot", Value: "1", Rule: `people hit by gunfire, fate untold: "was shot"`}, {Field: "wounded", Value: "0", Rule: shotLessKilled}},
			{{Field: "wounded", Value: "1", Rule: tt.rule}},
		}
		borrowWounded(evs, why)
		if got := evs[0].Wounded.Min; got != tt.want {
			t.Errorf("%s: main event wounded %d, want %d", tt.rule, got, tt.want)
		}
	}
}

// TestDatedBefore checks which other events are dated before the main
// event's incident: a day earlier is the same incident told across
// midnight, two days or a year ending the day before are not.
func TestDatedBefore(t *testing.T) {
	main := &Date{Start: "2016-01-01", End: "2016-01-01", Precision: "day"}
	for _, tt := range []struct {
		d    *Date
		want bool
	}{
		{&Date{Start: "2015-12-31", End: "2015-12-31", Precision: "day"}, false},
		{&Date{Start: "2015-12-30", End: "2015-12-30", Precision: "day"}, true},
		{&Date{Start: "2015-01-01", End: "2015-12-31", Precision: "year"}, true},
		{&Date{Start: "2016-01-02", End: "2016-01-02", Precision: "day"}, false},
		{nil, false},
	} {
		if got := datedBefore(tt.d, main); got != tt.want {
			t.Errorf("datedBefore(%v) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

// TestDatedOpeningToll checks that a dated toll in the opening, told in a
// sentence naming no event, is the toll of an undated violent mention
// paragraphs on (the main event takes the opening's date too), and that a
// toll dated years before is not.
func TestDatedOpeningToll(t *testing.T) {
	pub := time.Date(2016, 11, 6, 12, 0, 0, 0, time.UTC)
	gap := "\n\nDeputies said they were called to the house in the afternoon.\n\nThe children had found the rifle in a closet.\n\n"
	tests := []struct {
		name, text string
		wounded    int // -1: untold
	}{
		{"dated the event's day", "A 13-year-old girl is in serious condition at Ashgrove General after deputies said her cousin accidentally hit her on Saturday afternoon." + gap +
			"An adult was in another room when the shooting happened.", 1},
		{"dated years before", "A 13-year-old girl was in serious condition at Ashgrove General in 2009 after her cousin accidentally hit her." + gap +
			"An adult was in another room when the shooting happened.", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, w, n := mainToll(t, pub, tt.text)
			if w != tt.wounded {
				t.Errorf("wounded %d, want %d (%d events)", w, tt.wounded, n)
			}
		})
	}
}

// mainToll codes text published at pub and returns its main event's
// killed and wounded minimums (-1 where untold) and the number of events;
// an article with no event fails the test.
func mainToll(t *testing.T, pub time.Time, text string) (killed, wounded, events int) {
	t.Helper()
	evs := Extract(article.Article{Published: pub, Text: text}, Options{}).Events
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	killed, wounded = -1, -1
	if evs[0].Killed != nil {
		killed = evs[0].Killed.Min
	}
	if evs[0].Wounded != nil {
		wounded = evs[0].Wounded.Min
	}
	return killed, wounded, len(evs)
}
