package resolve

import "testing"

// TestPostalTowns: a name cities500 lacks is the post-office town of the
// story's own state, and only of that state; a post office's name inside
// a big city the story names is that city's quarter, and a name inside a
// longer one is not a town.
func TestPostalTowns(t *testing.T) {
	g := gaz(t)
	cases := []struct {
		name, text, dateline, url string
		want                      string // "Name, ST", "" for no postal answer
	}{
		{"Iaeger", "Troopers said the shooting happened at a trailer near Iaeger early on Sunday.", "WELCH, W.Va.", "", "Iaeger, WV"},
		{"Caulfield, Missouri", "A camper was hurt on Saturday night.", "", "", "Caulfield, MO"},
		// The outlet's state, when the text names no other.
		{"Fort Towson", "A teenager was wounded by gunfire in Fort Towson before dawn, deputies said.", "", "http://www.newson6.com/story/1/x", "Fort Towson, OK"},
		// A station's wire story from another state is about that state.
		{"Charlo", "The hunter was found near Charlo, a sheriff in Montana said.", "", "http://www.kxii.com/home/x", "Charlo, MT"},
		// A county the text names settles the state, over a town
		// elsewhere that has the name only as a variant.
		{"Olmstead", "Logan County deputies said a boy was shot at a home in Olmstead on Saturday.", "", "", "Olmstead, KY"},
		// A word the text writes in lower case is the word.
		{"Deputy", "A Jefferson County Sheriff's Deputy was hurt on Friday; the deputy is expected to recover.", "", "", ""},
		// A county's name written bare is the county.
		{"Bartow", "A teenager died after an officer-involved shooting on Friday night in Bartow County.", "CARTERSVILLE, Ga.", "", ""},
		// No state: no post office of that name is chosen.
		{"Caulfield", "A camper was hurt on Saturday night.", "", "", ""},
		// The state the text names outright beats a gazetteer town of
		// another state that the text does not name.
		{"Sutton", "An Alaska hunter was wounded at a gravel pit in Sutton on Sunday, Alaska State Troopers said.", "", "", "Sutton, AK"},
		{"Sutton", "A Massachusetts man was wounded in Sutton on Sunday, police said.", "", "", ""},
		// A county the text names holds the post office, in the outlet's
		// state (Orange County is a county of eight states).
		{"Plymouth", "A man was shot late Friday in Plymouth, Orange County deputies said.", "", "http://www.orlandosentinel.com/news/x", "Plymouth, FL"},
		// The state the text names most has no post office of the name:
		// the outlet's state's one.
		{"Brookfield", "Brookfield police said a boy was hurt on Elm Street on Thursday, the third shooting in Ohio this month. Pennsylvania State Police said the gun had been stolen in Sharon, Pennsylvania, long ago.", "", "http://www.wfmj.com/story/1/x", "Brookfield, OH"},
		// Roxbury's post office lies inside Boston.
		{"Roxbury", "Boston police said a man was shot in Roxbury on Friday.", "", "http://www.bostonglobe.com/metro/x", ""},
	}
	for _, c := range cases {
		res := g.NewResolver(Context{Text: c.text, Dateline: c.dateline, URL: c.url}).Resolve(c.name)
		got := ""
		if res.Best != nil && res.Best.Postal {
			got = res.Best.Name + ", " + res.Best.Admin1Code
		}
		if got != c.want {
			t.Errorf("%q in %q: got %q, want %q (%s)", c.name, c.text, got, c.want, res.Note)
		}
	}
}

// TestAlternateNameOwned: a city's old name that real towns of the same
// country carry as their own names one of those towns, while a mere
// spelling of a city's name still finds the city.
func TestAlternateNameOwned(t *testing.T) {
	g := gaz(t)
	res := g.NewResolver(Context{}).Resolve("Greenwood")
	if res.Best == nil || res.Best.Name != "Greenwood" {
		t.Errorf("Greenwood: got %+v, want a town called Greenwood", res.Best)
	}
	for _, c := range [][2]string{{"mykolaiv", "mykolayiv"}, {"kiev", "kyiv"}} {
		if !spelling(c[0], c[1]) {
			t.Errorf("spelling(%q, %q) = false", c[0], c[1])
		}
	}
	if spelling("kansas city", "greenwood") {
		t.Error("spelling(kansas city, greenwood) = true")
	}
}
