package resolve

import "testing"

// TestLocalQuarter: a neighbourhood of the town a story is told from
// (data/quarters.tsv) is that town, or keeps its name when it is its own
// mail town; a name with its state, or a story naming a namesake's
// state, is read as any name.
func TestLocalQuarter(t *testing.T) {
	g := gaz(t)
	const chicago = "http://abc7chicago.com/news/teen-hurt/1/"
	for _, c := range []struct {
		url, dateline, text, name string
		want                      string // "Name, Admin1"; "" for none
	}{
		{chicago, "", "Two men were wounded on a porch in Austin late Sunday, police said.", "Austin", "Chicago, Illinois"},
		{"", "CHICAGO", "Two men were wounded on a porch in Austin late Sunday, police said.", "Austin", "Chicago, Illinois"},
		{chicago, "", "The suspect was caught in Austin, Texas, a week later.", "Austin, Texas", "Austin, Texas"},
		{"", "NASHVILLE, Tenn.", "A teen was hurt outside an apartment in Antioch on Friday.", "Antioch", "Antioch, Tennessee"},
		{"", "", "A teen was hurt outside an apartment in Antioch on Friday.", "Antioch", "Antioch, California"},
		{"", "MEMPHIS, Tenn.", "Officers found the car abandoned in Raleigh.", "Raleigh", "Memphis, Tennessee"},
		// A quarter named like a landmark elsewhere: Salt Lake City's
		// Capitol Hill is not the United States Capitol.
		{"", "SALT LAKE CITY", "A woman was hurt in a Capitol Hill apartment on Monday.", "Capitol Hill", "Salt Lake City, Utah"},
		{"", "SEATTLE", "Two men were shot outside a bar in Greenwood early Sunday.", "Greenwood", "Seattle, Washington"},
	} {
		r := g.NewResolver(Context{Text: c.text, URL: c.url, Dateline: c.dateline})
		got := ""
		if b := r.Resolve(c.name).Best; b != nil {
			got = b.Name + ", " + b.Admin1
		}
		if got != c.want {
			t.Errorf("%q in %q (%s%s): got %q, want %q", c.name, c.text, c.url, c.dateline, got, c.want)
		}
	}
}
