package extract

import (
	"reflect"
	"testing"

	"sitrep/internal/article"
	"sitrep/internal/nlp"
)

func TestHeadlineNames(t *testing.T) {
	tests := []struct {
		title, body string
		want        []string
	}{
		{"Dalmera drive-by shooting leaves one dead", "Police in Dalmera said a man died.", []string{"Dalmera"}},
		{"Car bomb kills six in Port Aldane", "A car bomb exploded in Port Aldane.", []string{"Port Aldane"}},
		{"Second victim dies in Kessin shooting", "The second victim died.", []string{"Kessin"}},
		{"Names Of Victims In Nightclub Shooting Released", "", nil}, // title case: no names
		{"Shooting leaves teen hurt, Norvale police say", "A teen was hurt.", []string{"Norvale"}},
	}
	for _, tt := range tests {
		if got := headlineNames(tt.title, tt.body); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("headlineNames(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestWithin(t *testing.T) {
	city := &Location{Name: "Kerrville", Country: "US", Admin1: "Texas", Precision: "city"}
	tests := []struct {
		b    *Location
		want bool
	}{
		{&Location{Name: "Texas", Country: "US", Admin1: "Texas", Precision: "admin1"}, true},
		{&Location{Name: "United States", Country: "US", Precision: "country"}, true},
		{&Location{Name: "Ohio", Country: "US", Admin1: "Ohio", Precision: "admin1"}, false},
		{&Location{Name: "Austin", Country: "US", Admin1: "Texas", Precision: "city"}, false},
		{&Location{Name: "Mexico", Country: "MX", Precision: "country"}, false},
	}
	for _, tt := range tests {
		if got := within(city, tt.b); got != tt.want {
			t.Errorf("within(Kerrville, %s) = %v, want %v", tt.b.Name, got, tt.want)
		}
	}
}

func TestURLNames(t *testing.T) {
	tests := []struct {
		url, body string
		want      []string
	}{
		{"http://example.com/2015/03/02/two-shot-in-north-dalmera/", "Police said two men were shot in North Dalmera.", []string{"North Dalmera"}},
		{"https://news.example.org/news/dalmera/man-hurt-in-crash.html", "Police in Dalmera said a man was hurt.", []string{"Dalmera"}},
		{"http://example.com/local/shot-man-dies", "A man who was shot died. Shot Records are sealed.", nil}, // "shot" is a word there
		{"http://example.com/story/123456/port-aldane-raid?ref=rss", "A raid in Port Aldane.", []string{"Port Aldane"}},
		{"http://example.com/kessin", "Kessinger said nothing.", nil}, // only whole words
		{"not a url", "Dalmera", nil},
	}
	for _, tt := range tests {
		if got := urlNames(tt.url, tt.body); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("urlNames(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestResidentMentions(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"A Dalmera man was shot on Friday.", []string{"Dalmera"}},
		{"Port Aldane Teen Hurt In Crash", []string{"Port Aldane"}},
		{"The man was shot on Friday.", nil},
		{"An elderly woman was hurt.", nil},
		{"One man was killed in the shooting.", nil}, // a sentence's first word
		{"Gunfire broke out at a Dalmera barbershop on Friday.", []string{"Dalmera"}},
		{"He was found inside an East Norvale home.", []string{"East Norvale"}},
		{"She works at the Kessin Grand hotel.", nil},       // a venue's own name
		{"He was shot outside a Kessin's restaurant.", nil}, // a chain's name
		{"He was shot outside a Hilton hotel.", nil},        // a chain before a business noun
	}
	for _, tt := range tests {
		if got := mentionNames(residentMentions, tt.sentence); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("residentMentions(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestCityPart(t *testing.T) {
	dalmera := &Location{Name: "Dalmera", Country: "US", Admin1: "Texas", Precision: "city"}
	texas := &Location{Name: "Texas", Country: "US", Admin1: "Texas", Precision: "admin1"}
	tests := []struct {
		story  *Location
		name   string
		want   string // "" for nil
		wantOK bool
	}{
		{dalmera, "Northwest", "Dalmera", true},
		{dalmera, "the West Side", "Dalmera", true},
		{dalmera, "East End", "Dalmera", true},
		{dalmera, "Southeast Dalmera", "Dalmera", true},
		{dalmera, "North Kessin", "", false}, // another town's quarter, or a town
		{dalmera, "Kessin", "", false},
		{texas, "Northwest", "", true}, // a quarter of a town we do not know
		{nil, "South Side", "", true},
	}
	for _, tt := range tests {
		p := &placer{story: tt.story}
		loc, ok := p.cityPart(tt.name)
		got := ""
		if loc != nil {
			got = loc.Name
		}
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("cityPart(%q) with story %v = %q, %v; want %q, %v", tt.name, tt.story, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestDatelinePlace(t *testing.T) {
	p := newPlacer(article.Article{Text: "A girl was shot on Friday."}, nil)
	tests := []struct {
		dateline, want string // want "" for none
		decided        bool
	}{
		{"HOUSTON", "Houston", true},
		{"DALMERAVILLE, N.C.", "North Carolina", true}, // a town the gazetteer lacks, in a known state
		{"QARVELO, Norvania", "", true},                // nowhere we know: no place, and no guess elsewhere
		{"UPDATE", "", false},                          // no place at all: look elsewhere
	}
	for _, tt := range tests {
		loc, _, decided := p.datelinePlace(tt.dateline)
		got := ""
		if loc != nil {
			got = loc.Name
		}
		if got != tt.want || decided != tt.decided {
			t.Errorf("datelinePlace(%q) = %q, %v; want %q, %v", tt.dateline, got, decided, tt.want, tt.decided)
		}
	}
}

func TestOwnerNotPlace(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"He was shot at Dalmera's home on Friday.", nil},
		{"Two men were shot outside Kessin's when the bar closed.", nil},
		{"It happened in Dalmera's west side.", []string{"Dalmera's"}},
		{"It happened in Dalmera on Friday.", []string{"Dalmera"}},
		{"Three women were killed at Kessin's.", nil}, // the sentence ends on the owner
		{"A man was shot at Tolver's Barber Shop in Dalmera.", []string{"Dalmera"}},
		{"A woman was hurt at Brisk 7 Ranch near Norvale, Ohio.", []string{"Norvale, Ohio"}}, // a venue runs on through a number
		{"A fight broke out at the Lantern Tavern in Norvale.", []string{"Norvale"}},
		{"It was a hard week for the city of Dalmera and its mayor.", []string{"Dalmera"}}, // "city of" names a place after any word
		{"The City of Norvale said nothing.", nil},
		{"Two men were shot outside a Dalmera bar late Friday.", []string{"Dalmera"}}, // "a" before a town used as a modifier
		{"The boy was flown to a Dalmera hospital after the shooting.", nil},          // the hospital's town
		{"A guest was shot at a Hilton hotel in Dalmera.", []string{"Dalmera"}},       // a chain before a business noun
		{"Two clerks were robbed at the Marathon gas station on Main Street.", nil},
		{"Shots were fired outside a Dalmera hotel on Friday.", []string{"Dalmera"}},
		{"A man was stabbed in Hilton on Friday.", []string{"Hilton"}},
	}
	for _, tt := range tests {
		if got := mentionNames(PlaceMentions, tt.sentence); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("PlaceMentions(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// mentionNames lists the names find gives for a whole sentence.
func mentionNames(find func(string, nlp.Span) []PlaceMention, sentence string) []string {
	var out []string
	for _, m := range find(sentence, nlp.Span{Start: 0, End: len(sentence)}) {
		out = append(out, m.Name)
	}
	return out
}

// TestPersonSurnames: a name's last word after an age, before one, or
// after a title is a surname; a town before a noun for people is not.
func TestPersonSurnames(t *testing.T) {
	text := "Police said 14-year-old Dana Kessin was shot. Lee Varno, 44, was hurt too. Sheriff Ottley spoke. A 30-year-old Port Aldane man was held in Dalmera County. The judge raised Robert Lane Corvin’s bond; Corvin’s mother wept."
	got := personSurnames(text)
	for _, w := range []string{"Kessin", "Varno", "Ottley", "Corvin"} {
		if !got[w] {
			t.Errorf("personSurnames: %q missing from %v", w, got)
		}
	}
	for _, w := range []string{"County", "Dalmera", "Police", "Aldane"} {
		if got[w] {
			t.Errorf("personSurnames: %q is no surname (%v)", w, got)
		}
	}
	p := &placer{text: text}
	s := "The jury heard the Kessin case in Dalmera."
	var names []string
	for _, pm := range p.sentencePlaces(s, nlp.Span{Start: 0, End: len(s)}) {
		names = append(names, pm.Name)
	}
	if !reflect.DeepEqual(names, []string{"Dalmera"}) {
		t.Errorf("sentencePlaces(%q) = %q, want [Dalmera]", s, names)
	}
}

// TestCallLettersNoQualifier: a station's call letters after a comma are
// no qualifier of the place before them.
func TestCallLettersNoQualifier(t *testing.T) {
	s := "He died after a shooting in Norvale, KXYZ has reported."
	if got := mentionNames(PlaceMentions, s); !reflect.DeepEqual(got, []string{"Norvale"}) {
		t.Errorf("PlaceMentions(%q) = %q, want [Norvale]", s, got)
	}
}

// TestPossessivePlace: a town between a possessive and a venue after a
// preposition is a place ("in their Norvale home").
func TestPossessivePlace(t *testing.T) {
	s := "A couple was charged after a boy was shot in their Norvale, Idaho home."
	if got := mentionNames(PlaceMentions, s); !reflect.DeepEqual(got, []string{"Norvale, Idaho"}) {
		t.Errorf("PlaceMentions(%q) = %q, want [Norvale, Idaho]", s, got)
	}
}

// TestLocalForceMetro: a town before "Metro" or "deputies" names whose
// unit it is ("the Norvale Metro Homicide Unit").
func TestLocalForceMetro(t *testing.T) {
	for _, s := range []string{"The Norvale Metro Homicide Unit is looking into the shooting.", "Norvale deputies found the car on Friday."} {
		if got := mentionNames(PlaceMentions, s); !reflect.DeepEqual(got, []string{"Norvale"}) {
			t.Errorf("PlaceMentions(%q) = %q, want [Norvale]", s, got)
		}
	}
}

// TestSettlementFormalName: "the Town of Norvale" names the town after
// "of", and only a town: a name that resolves to no town gives no place.
func TestSettlementFormalName(t *testing.T) {
	for _, s := range []string{"Deputies said it happened on Sunday in the Town of Norvale, north of the lake.", "Two men were hurt near the Village of Norvale."} {
		if got := mentionNames(PlaceMentions, s); !reflect.DeepEqual(got, []string{"Norvale"}) {
			t.Errorf("PlaceMentions(%q) = %q, want [Norvale]", s, got)
		}
	}
	p := newPlacer(article.Article{Title: "Teen hurt", Text: "A teen was hurt."}, nil)
	if l := p.resolveMention(PlaceMention{Name: "West Sweden", Settlement: true}); l != nil {
		t.Errorf("resolveMention(Town of West Sweden) = %s (%s), want no place", l.Name, l.Precision)
	}
	if l := p.resolveMention(PlaceMention{Name: "Mamaroneck", Settlement: true}); l == nil || l.Name != "Mamaroneck" {
		t.Errorf("resolveMention(Village of Mamaroneck) = %v, want Mamaroneck", l)
	}
}
