package extract

import (
	"reflect"
	"strings"
	"testing"

	"sitrep/internal/article"
	"sitrep/internal/nlp"
)

func TestHeadlineWithoutSite(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Two hurt in Norvale shooting - WXYZ News 7 | Dalmera, ST | Weather", "Two hurt in Norvale shooting"},
		{"Man shot on Elm Street - KQRS-TV", "Man shot on Elm Street"},
		{"Teen injured - Dalmeranews.com | Dalmera, ST", "Teen injured"},
		{"Dalmera Channel 9 - Three shot at party in Norvale", "Three shot at party in Norvale"},
		{"Police: man shot - suspect arrested", "Police: man shot - suspect arrested"}, // no label
		{"Shooting in Norvale leaves one dead", "Shooting in Norvale leaves one dead"},
		{"WHAT happened in Norvale - a timeline", "WHAT happened in Norvale - a timeline"}, // not call letters
	}
	for _, tt := range tests {
		if got := headlineWithoutSite(tt.title); got != tt.want {
			t.Errorf("headlineWithoutSite(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestQuarterNames(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Two men were shot in the Kessin neighborhood on the West Side.", []string{"kessin"}},
		{"It happened in the Port Aldane section of Dalmera.", []string{"port aldane"}},
		{"The neighborhood was quiet. A man was shot in Norvale.", nil},
		{"Two men were found shot in a Norvale neighborhood.", nil}, // a quarter of the town Norvale
		{"The Neighborhood Watch met on Friday.", nil},              // a sentence opener, not a name
	}
	for _, tt := range tests {
		var got []string
		for k := range quarterNames(tt.text) {
			got = append(got, k)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("quarterNames(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWeekdayEndsPlaceName(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"Two men were shot in Dalmera, Md. Friday evening.", []string{"Dalmera, Md."}},
		{"A woman was hurt in Port Aldane Sunday.", []string{"Port Aldane"}},
		{"The shooting was in Dalmera on Monday.", []string{"Dalmera"}},
	}
	for _, tt := range tests {
		if got := mentionNames(PlaceMentions, tt.sentence); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("PlaceMentions(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestSharpenStory runs the story's place rules with the real gazetteer:
// a county narrowed to the town in it the lead names, and a headline's
// site label that names the outlet's town, not the story's.
func TestSharpenStory(t *testing.T) {
	tests := []struct {
		name                       string
		title, text, url, dateline string
		wantName, wantAdmin1       string
	}{
		{"county narrowed to its town", "Man hurt in Queen Anne's County shooting",
			"A man was shot Tuesday night at a house in Centreville, deputies said.", "", "",
			"Centreville", "Maryland"},
		{"county narrowed to a town named further on", "Man hurt in Queen Anne's County shooting",
			"A man was shot Tuesday night, deputies said.\n\nHe is expected to live.\n\nNo one was arrested.\n\nDeputies asked for help.\n\nThe house is on a farm road in Centreville.", "", "",
			"Centreville", "Maryland"},
		{"county narrowed to its own town over another town of the state", "Boy hurt in Potter County shooting",
			"Relatives in Lubbock were told first. The boy was shot at a home in Amarillo on Friday, deputies said.", "", "",
			"Amarillo", "Texas"},
		{"county with no town named: its seat stands for it", "Man hurt in Queen Anne's County shooting",
			"A man was shot Tuesday night at a house, deputies said.", "", "",
			"Centreville", "Maryland"},
		{"site label names the outlet's town", "Two hurt in shooting - WXYZ News | Baltimore, MD",
			"Two people were hurt in a shooting on Elm Street, police said.", "", "",
			"", ""},
		{"a town of its own beside the story's", "Baby hurt in North Las Vegas shooting",
			"A baby was hurt in a shooting on Friday, police said.", "http://www.lasvegas-example-news.com/story/1", "",
			"North Las Vegas", "Nevada"},
		{"dateline where it was filed, headline where it happened", "Two hurt in Petersburg shooting",
			"Two people were hurt in a shooting on Tuesday, police said.", "", "RICHMOND, Va.",
			"Petersburg", "Virginia"},
		{"dateline's own town when the headline names none", "Two hurt in shooting",
			"Two people were hurt in a shooting on Tuesday, police said.", "", "RICHMOND, Va.",
			"Richmond", "Virginia"},
		{"the first town named past the lead when nothing else places the story", "Two hurt in shooting",
			"Two people were hurt.\n\nPolice came.\n\nNo one was arrested.\n\nThe victims are expected to live.\n\nThe shooting happened in Kalamazoo, Mich., near a school.", "", "",
			"Kalamazoo", "Michigan"},
		{"a town named past the lead over the outlet's home", "Two hurt in shooting",
			"Two people were hurt.\n\nPolice came.\n\nNo one was arrested.\n\nThe victims are expected to live.\n\nThe shooting happened in Evanston near a park.", "http://abc7chicago.com/news/two-hurt/1/", "",
			"Evanston", "Illinois"},
		{"the outlet's home over a town of another state named past the lead", "Two hurt in shooting",
			"Two people were hurt.\n\nPolice came.\n\nNo one was arrested.\n\nThe victims are expected to live.\n\nOne of them had lived in Kalamazoo, Mich., until last year.", "http://abc7chicago.com/news/two-hurt/1/", "",
			"Chicago", "Illinois"},
		{"the town before the headline's incident noun", "Two Dead In Flint Double Shooting",
			"Two men died on Friday in Genesee County, Michigan, after a quarrel near Flint's old mill.", "", "",
			"Flint", "Michigan"},
		{"no town of another state before the incident noun", "Two Dead After Toledo Shooting",
			"Two men died on Friday in Genesee County, Michigan, and a car from Toledo was seen.", "", "",
			"Flint", "Michigan"}, // the county's seat, not Toledo, Ohio
		{"a quarter the article names as one", "Woman killed in Austin shooting",
			"Police said a woman, 41, died after gunfire Saturday in the Austin neighborhood.", "http://abc7chicago.com/news/woman-killed/1/", "",
			"Chicago", "Illinois"},
		{"a headline's town the article names as a quarter with a part word", "Three hurt in gunfire in Austin",
			"Three men were hurt by gunfire on Tuesday in the South Austin neighborhood, police said.", "http://abc7chicago.com/news/three-hurt/1/", "",
			"Chicago", "Illinois"},
		{"a far city's quarter the article names, on the outlet's national page", "Man charged after Bushwick gunfire",
			"A man was charged on Monday after shots were fired on Sunday in the Bushwick neighborhood of Brooklyn, police said.", "http://abc7chicago.com/news/national/man-charged/1/", "",
			"Brooklyn", "New York"},
		{"the outlet's own quarter when the far city is not named", "Man shot in Washington Heights",
			"A man was shot on Sunday in the Washington Heights neighborhood, police said.", "http://abc7chicago.com/news/man-shot/1/", "",
			"Chicago", "Illinois"},
		{"a city of boroughs narrowed to the one borough the article names", "Three hurt in NYC shooting",
			"Three men were hurt when shots were fired outside a Bronx deli on Friday, police said.", "", "",
			"The Bronx", "New York"},
		{"a city of boroughs kept when the article names two", "Three hurt in NYC shooting",
			"Three men from Queens were hurt when shots were fired outside a Bronx deli on Friday, police said.", "", "",
			"New York City", "New York"},
		{"the outlet's home over a town of another state its address names", "Two hurt in shooting",
			"Two people were hurt.\n\nPolice came to the Stone Dayton Tavern.\n\nNo one was arrested.", "http://abc7chicago.com/news/two-hurt-at-tavern-in-dayton/1/", "",
			"Chicago", "Illinois"},
		{"the lead's town of the harm over a dateline that says where the story was filed", "Couple pleads not guilty",
			"A couple charged in the shooting of a boy in Kalamazoo last spring pleaded not guilty on Tuesday.", "", "LANSING, Mich.",
			"Kalamazoo", "Michigan"},
		{"the town the lead sends police to over a dateline that says where the story was filed", "Boy dies after gun goes off",
			"A 9-year-old boy died on Friday morning.\n\nDeputies were called at 8 a.m. to a house off Ridge Road in Portage, the sheriff's office said.", "", "KALAMAZOO, Mich.",
			"Portage", "Michigan"},
		{"not a town the lead names for an arrest", "Two held in campus killing",
			"Two men were arrested in Kalamazoo in the shooting that killed a student last fall, police said.", "", "LANSING, Mich.",
			"Lansing", "Michigan"},
		{"a headline's town before a noun for people is where someone is from when the lead tells the harm in the dateline's town", "Vigil held for slain Petersburg teen",
			"Friends gathered on Thursday for a boy who was shot and killed outside a store in Richmond last week.", "", "RICHMOND, Va.",
			"Richmond", "Virginia"},
		{"a headline's town before a noun for people when the lead tells the harm nowhere", "Petersburg teen hurt in robbery",
			"A 16-year-old was shot in the leg during a robbery, Petersburg police said.", "", "RICHMOND, Va.",
			"Petersburg", "Virginia"},
		{"a headline's town before a noun for people yields to where the lead tells the harm", "Warden: Roanoke man hurt while deer hunting",
			"A 40-year-old man was shot in the arm while hunting near Blacksburg, Virginia, on Saturday, a game warden said.", "", "",
			"Blacksburg", "Virginia"},
		{"a headline's town before a noun for people stays when the lead tells the harm nowhere", "Warden: Roanoke man hurt while deer hunting",
			"A 40-year-old man was shot in the arm while hunting on Saturday, a Virginia game warden said.", "", "",
			"Roanoke", "Virginia"},
		{"a post-office town cities500 lacks, in the dateline's state", "Boy hurt in shooting",
			"A boy was shot at a cabin near Iaeger early on Sunday, troopers said.", "", "WELCH, W.Va.",
			"Iaeger", "West Virginia"},
		{"the outlet's home over the whole country the lead names", "Two hurt in shooting",
			"Police said it was the latest of many shootings in the U.S. this year.", "http://abc7chicago.com/news/two-hurt/1/", "",
			"Chicago", "Illinois"},
	}
	for _, tt := range tests {
		p := newPlacer(article.Article{Title: tt.title, Text: tt.text, URL: tt.url, Dateline: tt.dateline}, nil)
		gotName, gotAdmin1 := "", ""
		if p.story != nil {
			gotName, gotAdmin1 = p.story.Name, p.story.Admin1
		}
		if gotName != tt.wantName || gotAdmin1 != tt.wantAdmin1 {
			t.Errorf("%s: story's place %q, %q (%s); want %q, %q", tt.name, gotName, gotAdmin1, p.storyRule, tt.wantName, tt.wantAdmin1)
		}
	}
}

// TestCountySeat: a story placed only by a county is at the county's
// seat with precision admin2 and the county named; one that names a town
// of the county is at that town.
func TestCountySeat(t *testing.T) {
	tests := []struct {
		title, text            string
		wantName, wantPrec     string
		wantAdmin2, wantAdmin1 string
	}{
		{"Hunter hurt in shooting in Floyd County, Georgia", "A man was shot on Saturday while hunting on a farm, deputies said.",
			"Rome", "admin2", "Floyd County", "Georgia"},
		{"Girl hurt in shooting in Floyd County, Georgia", "A girl was shot on Saturday at a home in Cave Spring, deputies said.",
			"Cave Spring", "city", "", "Georgia"},
		{"Man wounded outside a store in Harris County", "Deputies said a man was wounded late Friday outside a store in Texas.",
			"Houston", "admin2", "Harris County", "Texas"},
		{"Deputies investigate shooting at farm", "FLOYD COUNTY, Ga. \u2014 A farmhand was shot on Sunday, deputies said.",
			"Rome", "admin2", "FLOYD COUNTY", "Georgia"},
		// A dateline's county is where, not a town of another county.
		{"Deputies investigate shooting at farm", "FLOYD COUNTY, Ga. \u2014 A farmhand was shot on Sunday. The Polk County coroner was called to a home in Cedartown.",
			"Rome", "admin2", "FLOYD COUNTY", "Georgia"},
		// A county named, a town of the state outside it is not where.
		{"Three found dead in Iredell County home", "Deputies were called to the home on Sunday. The sheriff later met with detectives in Charlotte.",
			"Statesville", "admin2", "Iredell County", "North Carolina"},
		// A county named only as where a person is from still says where.
		{"Deputies: Iredell County man wounded by his neighbor", "The man was taken to a hospital on Tuesday.",
			"Statesville", "admin2", "Iredell County", "North Carolina"},
	}
	for _, tt := range tests {
		a := article.Article{Title: tt.title, Text: tt.text}
		if dl, rest, ok := strings.Cut(tt.text, " \u2014 "); ok {
			a.Dateline, a.Text = dl, rest
		}
		p := newPlacer(a, nil)
		if p.story == nil {
			t.Errorf("%q: no story's place; want %s", tt.title, tt.wantName)
			continue
		}
		if l := p.story; l.Name != tt.wantName || l.Precision != tt.wantPrec || l.Admin2 != tt.wantAdmin2 || l.Admin1 != tt.wantAdmin1 {
			t.Errorf("%q: %s (%s, %q, %s) by %s; want %s (%s, %q, %s)", tt.title, l.Name, l.Precision, l.Admin2, l.Admin1, p.storyRule, tt.wantName, tt.wantPrec, tt.wantAdmin2, tt.wantAdmin1)
		}
	}
}

func TestFacilityNotTown(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"He died at Saint Anne Hospital on Friday.", nil},
		{"She was taken to a hospital in Dalmera, Md.", nil},
		{"Two students were hurt near Norvale High School.", nil},
		{"Two students were hurt at a school in Norvale.", []string{"Norvale"}}, // where it happened
		{"A man was shot in Port Aldane.", []string{"Port Aldane"}},
		// A place of treatment after a [treatment cues] word: neither the
		// place nor the town it is in is where the harm happened.
		{"He underwent surgery at Kessin Shock Trauma Center in Dalmera.", nil},
		{"The woman died at Saint Anne Hospital Center in Norvale on Sunday.", nil},
		{"The boy was flown to a trauma center in Dalmera.", nil},
		{"She was airlifted to Norvale Regional Medical Center in Port Aldane, Md.", nil},
		{"He was listed in stable condition at Dalmera Medical Center in Norvale.", nil},
		{"Both were taken by ambulance to the University of Kessin Medical Center in Norvale.", nil},
		{"He was transported to a Norvale trauma center with a wound to the leg.", nil},
		{"A clerk was treated at an urgent care in Dalmera and released.", nil},
		{"He underwent surgery at Dalmera Regional Medical Center.", nil},
		// The shooting itself at such a place: no cue before it.
		{"A guard was shot at Dalmera Medical Center in Norvale.", []string{"Dalmera Medical Center", "Norvale"}},
		{"Two men were shot outside a health center in Norvale.", []string{"Norvale"}},
		// The cue tells of another clause, or of no place of treatment.
		{"He was treated and released, and a health center in Norvale stayed open.", []string{"Norvale"}},
		{"The victim died at the scene in Dalmera.", []string{"Dalmera"}},
		{"He was taken into custody at a community center in Norvale.", []string{"Norvale"}},
		{"She was shot in Norvale and later flown to a trauma center in Dalmera.", []string{"Norvale"}},
	}
	for _, tt := range tests {
		if got := mentionNames(PlaceMentions, tt.sentence); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("PlaceMentions(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestCountyNames(t *testing.T) {
	got := countyNames("Deputies from Potter County and St. Mary Parish met a Choctaw Co. officer; Potter County paid. The county fair opened.")
	want := []string{"Potter County", "St. Mary Parish", "Choctaw County"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("countyNames = %q, want %q", got, want)
	}
	// A county of three words, and a capitalised word before a county
	// that is not part of its name.
	got = countyNames("The East Baton Rouge Parish deputies met Sheriff Potter County officers.")
	want = []string{"East Baton Rouge Parish", "Potter County"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("countyNames = %q, want %q", got, want)
	}
	// A possessive county written with a typographic apostrophe, as
	// most news sites print it, is the same county.
	got = countyNames("A deputy in Prince George’s County and one in Queen Anne's County.")
	want = []string{"Prince George’s County", "Queen Anne's County"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("countyNames = %q, want %q", got, want)
	}
}

// TestResidentNotWhere: in a story whose town is known, "a Lansing man"
// says where the man is from, not where he was shot; with no story town
// it is the best guess.
func TestResidentNotWhere(t *testing.T) {
	const sentence = "A Lansing man was shot late Tuesday, police said."
	s := nlp.Span{Start: 0, End: len(sentence)}
	for _, tt := range []struct {
		title, want string
	}{
		{"Man hurt in Flint shooting", "Flint"},
		{"Man hurt in shooting", "Lansing"},
	} {
		p := newPlacer(article.Article{Title: tt.title, Text: sentence}, nil)
		got, rule := p.in(sentence, s, true, nil)
		if got == nil || got.Name != tt.want {
			t.Errorf("%q under %q: got %v (%s), want %s", sentence, tt.title, got, rule, tt.want)
		}
	}
}

// TestSharpenEvent: an event's sentence that places it only in a county
// or a state is narrowed to a town of that county the article names, or
// to the story's town in that state, even past the opening paragraphs.
func TestSharpenEvent(t *testing.T) {
	for _, tt := range []struct {
		title, text, sentence, want string
	}{
		{"Boy hurt in shooting", "Relatives in Lubbock were told first. Deputies went to a home in Amarillo on Friday.",
			"A boy was shot in Potter County, deputies said.", "Amarillo"},
		{"Man hurt in Flint shooting", "Police came at noon.",
			"A man was shot in Michigan on Friday.", "Flint"},
		{"Man hurt in shooting", "Police came at noon.",
			"A man was shot in Michigan on Friday.", "Michigan"},
		{"Two hurt in Flint shooting", "Police came at noon.",
			"It was the third such attack in the United States this week.", "Flint"},
		{"Two hurt in shooting", "Police came at noon.",
			"It was the third such attack in the United States this week.", "United States"},
		// Another state named bare in a story placed in a town is named
		// in passing; not so when the headline's town is only where a
		// man is from.
		{"Two hurt in Flint shooting", "Police came at noon.",
			"Her brother said he was staying in Ohio when it happened.", "Flint"},
		{"Flint man hurt while hunting", "Flint neighbours came at noon.",
			"A man was shot in Ohio on Friday while hunting deer.", "Ohio"},
	} {
		text := tt.text + "\n\n" + tt.sentence
		p := newPlacer(article.Article{Title: tt.title, Text: text}, nil)
		s := nlp.Span{Start: len(tt.text) + 2, End: len(text)}
		got, rule := p.in(text, s, false, nil)
		if got == nil || got.Name != tt.want {
			t.Errorf("%q under %q: got %v (%s), want %s", tt.sentence, tt.title, got, rule, tt.want)
		}
	}
}

// TestLanguageNotPlace: "in Spanish" is a language, not Spain.
func TestLanguageNotPlace(t *testing.T) {
	a := article.Article{Title: "Survivor thanks the nurses who sat with him",
		Text: "A nurse spoke to him in Spanish through the night. He was shot outside a bar in Xenia, Ohio, last month."}
	p := newPlacer(a, nil)
	if p.story == nil || p.story.Country != "US" {
		t.Errorf("story's place %v by %s; want a US place", p.story, p.storyRule)
	}
}

// TestStoryPlaceFromPeople: where a story is when its people, not its
// events, name the place. A story that names no town is placed in the
// state its people are from ("a 15-year-old Texas boy"); a town named like
// the outlet's home, in another state the article names with it, is where
// the story is (Bristol, Virginia's station reporting from Bristol,
// Tennessee); a court story filed from one town places the harm in the
// town of the person its lead names, when no place follows the harm.
func TestStoryPlaceFromPeople(t *testing.T) {
	tests := []struct {
		name                     string
		a                        article.Article
		place, admin1, precision string // "" is not checked
	}{
		{"resident state", article.Article{Title: "Teen dies on fishing trip with his father",
			Text: "A 15-year-old Texas boy died when a rifle went off as he and his father were launching a boat on Thursday evening.\n\nThe sheriff said the death was an accident."},
			"", "Texas", "admin1"},
		{"twin town", article.Article{Title: "Teen charged after three relatives die", URL: "http://www.wcyb.com/news/x/1",
			Text: "A 19-year-old was charged with murder on Monday.\n\nDeputies said the victims were found at a home on Elm Road in Bristol, Tennessee, on Saturday night."},
			"Bristol", "Tennessee", ""},
		{"lead harm resident", article.Article{Title: "Teen given probation", Dateline: "STERLING, Ill.",
			Text: "Rock Falls teen Lee Kessin received probation on Thursday for the accidental shooting that killed his closest friend.\n\nThe judge read the terms aloud."},
			"Rock Falls", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPlacer(tt.a, nil)
			if p.story == nil || tt.place != "" && p.story.Name != tt.place || tt.admin1 != "" && p.story.Admin1 != tt.admin1 ||
				tt.precision != "" && p.story.Precision != tt.precision {
				t.Fatalf("story place = %+v (%s), want %q, %q, %q", p.story, p.storyRule, tt.place, tt.admin1, tt.precision)
			}
		})
	}
}
