package resolve

import (
	"strings"
	"testing"
)

// TestCountyTown: a county name several states share is settled by a
// town in one state's county of that name the article names, and a
// qualifier is a state when a state has it as its own name.
func TestCountyTown(t *testing.T) {
	g := gaz(t)
	cases := []struct {
		name, text string
		want       string // admin1 code of the best place, "" for none
	}{
		{"Henderson County", "A Hendersonville woman was treated for a cut hand on Sunday. Henderson County deputies closed the road.", "NC"},
		{"DeKalb County", "A man from Decatur was stopped on Tuesday. DeKalb County officers found a rifle in the trunk.", "GA"},
		{"Floyd County", "A Rome teenager was hurt at a cookout on Saturday. Floyd County police spoke to neighbours.", "GA"},
		// A town named like the county proves nothing: every state's
		// DeKalb County may hold a DeKalb.
		{"DeKalb County", "The DeKalb fire crew came at noon. DeKalb County officers found a rifle in the trunk.", "IL"},
		// Riverside, Missouri was once called Illinois; the qualifier is
		// the state, and cities500 has no Manchester there: the post
		// office's town (towns.tsv.gz) answers, not Riverside.
		{"Manchester, Illinois", "Troopers wrote a report on Friday.", "IL"},
		{"Springfield, Illinois", "Troopers wrote a report on Friday.", "IL"},
		// A county name thirty states share still settles a town: only
		// Mississippi's Washington County holds a Greenville, and the
		// larger Greenvilles lie elsewhere.
		{"Greenville", "Washington County deputies were called to a farmhouse in Greenville late on Tuesday.", "MS"},
	}
	for _, c := range cases {
		res := g.NewResolver(Context{Text: c.text}).Resolve(c.name)
		got := ""
		if res.Best != nil {
			got = res.Best.Admin1Code
		}
		if got != c.want {
			t.Errorf("%q in %q: admin1 %q, want %q (%s)", c.name, c.text, got, c.want, res.Note)
		}
	}
}

// TestFederalIsNoPlace: "Federal" alone is the adjective of "Federal
// agents", not Brazil's Federal District (which carries it as a name).
func TestFederalIsNoPlace(t *testing.T) {
	res := gaz(t).NewResolver(Context{Text: "Federal agents searched a warehouse on Pine Street in the early hours of Monday."}).Resolve("Federal")
	if res.Best != nil {
		t.Errorf("Federal: got %s, %s; want no place", res.Best.Name, res.Best.Country)
	}
}

// TestInCounty: a town lies in the county that holds it in its own
// state, not in another county of the state nor in a same-named county
// of another state.
func TestInCounty(t *testing.T) {
	g := gaz(t)
	cases := []struct {
		town, context, county string
		want                  bool
	}{
		{"Amarillo", "Amarillo, Texas", "Potter County", true},
		{"Lubbock", "Lubbock, Texas", "Potter County", false},
		{"Amarillo", "Amarillo, Texas", "Harris County", false},
		{"Decatur", "Decatur, Georgia", "DeKalb County", true},
		{"Decatur", "Decatur, Georgia", "Floyd County", false},
	}
	for _, c := range cases {
		b := g.NewResolver(Context{}).Resolve(c.context).Best
		if b == nil {
			t.Fatalf("%q unresolved", c.context)
		}
		if got := g.InCounty(*b, c.county); got != c.want {
			t.Errorf("InCounty(%s, %q) = %v, want %v", c.context, c.county, got, c.want)
		}
	}
}

// TestDatelineState: a story filed from a US town names the small
// towns of another state with their state; a bare name that the
// gazetteer knows only in another state is left unresolved, as for a
// local outlet. A dateline abroad sets no such state.
func TestDatelineState(t *testing.T) {
	g := gaz(t)
	text := "Three people were hurt on Saturday night near a corner store in the Lonsdale area, police said."
	yankton := strings.ReplaceAll(text, "Lonsdale", "Yankton")
	if b := g.NewResolver(Context{Text: yankton, Dateline: "KNOXVILLE, Tenn."}).Resolve("Yankton").Best; b != nil {
		t.Errorf("Yankton under a Knoxville dateline: got %s, %s; want none", b.Name, b.Admin1)
	}
	// A neighbourhood of the dateline's town (data/quarters.tsv) is there.
	if b := g.NewResolver(Context{Text: text, Dateline: "KNOXVILLE, Tenn."}).Resolve("Lonsdale").Best; b == nil || b.Name != "Knoxville" {
		t.Errorf("Lonsdale under a Knoxville dateline: got %v; want Knoxville, its quarter", b)
	}
	if b := g.NewResolver(Context{Text: text}).Resolve("Lonsdale").Best; b == nil {
		t.Errorf("Lonsdale with no dateline: unresolved, want the gazetteer's Lonsdale")
	}
	if b := g.NewResolver(Context{Text: text + " The suspect had moved from Lonsdale, Minnesota.", Dateline: "KNOXVILLE, Tenn."}).Resolve("Lonsdale").Best; b == nil || b.Admin1Code != "MN" {
		t.Errorf("Lonsdale in a story that names Minnesota: got %v, want Minnesota's", b)
	}
}

// TestNeighbourAcrossStateLine: a town of another state close to a
// local outlet's home is named bare by its news (Gary by Chicago).
func TestNeighbourAcrossStateLine(t *testing.T) {
	g := gaz(t)
	text := "Police said a boy was hurt on Sunday when a pistol left in a parked car went off in Gary."
	b := g.NewResolver(Context{Text: text, URL: "http://abc7chicago.com/news/boy-hurt/1/"}).Resolve("Gary").Best
	if b == nil || b.Admin1Code != "IN" {
		t.Errorf("Gary for a Chicago outlet: got %v, want Gary, Indiana", b)
	}
}

// TestSurnameAbroadNoEvidence: in a local story, a surname that is also
// a town abroad ("Hayes", England) says nothing about that country, so a
// bare "Chester" stays the outlet's state's, not England's.
func TestSurnameAbroadNoEvidence(t *testing.T) {
	g := gaz(t)
	text := "Boy hurt when bullet comes through window in Chester\n\n" +
		"Tanya Hayes said her son was hurt when a bullet came through a window in Chester. " +
		"The boy, 6, was in stable condition, said Hayes. Her fiancé and Hayes had planned a party. " +
		"The shots woke the street, said Hayes. Police asked Hayes to call. The family of Hayes thanked the nurses."
	ctx := Context{Text: text, URL: "https://www.pennsylvania.com/news/boy-hurt"}
	if b := g.NewResolver(ctx).Resolve("Chester").Best; b == nil || b.Country != "US" || b.Admin1Code != "PA" {
		t.Errorf("Chester from a Pennsylvania outlet whose story names Hayes: got %v, want Chester, Pennsylvania", b)
	}
	// Under a US town's dateline the story is local too.
	ctx = Context{Text: text, Dateline: "MEDIA, Pa."}
	if b := g.NewResolver(ctx).Resolve("Chester").Best; b == nil || b.Country != "US" {
		t.Errorf("Chester under a Pennsylvania dateline: got %v, want a US Chester", b)
	}
	// Named with its country, the town abroad is meant.
	ctx = Context{Text: text + " Her brother flew in from Chester, England.", URL: "https://www.pennsylvania.com/news/boy-hurt"}
	if b := g.NewResolver(ctx).Resolve("Chester, England").Best; b == nil || b.Country != "GB" {
		t.Errorf("Chester, England: got %v, want England's", b)
	}
}

// TestCountyTownShared: a town that namesake counties of two states both
// hold settles nothing (Grand Rapids lies in the Wood County of Ohio and
// of Wisconsin): the outlet's home decides; a town only one of them
// holds still outweighs the home (Seneca, in South Carolina's Oconee
// County, on a Georgia station's page).
func TestCountyTownShared(t *testing.T) {
	g := gaz(t)
	for _, c := range []struct{ name, text, url, want string }{
		{"Wood County", "Wood County deputies said a man was hurt at his home in Grand Rapids on Sunday.", "http://www.toledoblade.com/local/x", "OH"},
		{"Oconee County", "Oconee County deputies and Seneca police were called to a bar on Sunday; the victim lived on Elm Street, Seneca.", "http://www.walb.com/story/1/x", "SC"},
	} {
		res := g.NewResolver(Context{Text: c.text, URL: c.url}).Resolve(c.name)
		got := ""
		if res.Best != nil {
			got = res.Best.Admin1Code
		}
		if got != c.want {
			t.Errorf("%q in %q (%s): admin1 %q, want %q (%s)", c.name, c.text, c.url, got, c.want, res.Note)
		}
	}
}
