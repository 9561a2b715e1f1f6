package resolve

import "testing"

func TestOutletHome(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := g.outlets().err; err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ url, name, admin1 string }{
		{"http://chicago.example.com/news/x", "Chicago", "Illinois"},
		{"https://www.dallasnews.com/2016/story.html", "Dallas", "Texas"},
		{"http://abc7chicago.com:80/a", "Chicago", "Illinois"},
		{"http://www.nbcnewyork.com/a", "New York City", "New York"},
		{"http://www.toledoblade.com/a", "Toledo", "Ohio"},
		{"http://newyork.example.com/a", "New York City", "New York"},
		{"http://www.wpxi.com/news/a", "Pittsburgh", "Pennsylvania"},
		{"http://www.wsbtv.com:80/news/a", "Atlanta", "Georgia"},
		{"http://www.wmcactionnews5.com/story/1", "Memphis", "Tennessee"},
		{"http://www.king5.com/a", "Seattle", "Washington"},
		{"http://fox59.com/a", "Indianapolis", "Indiana"},
		{"http://www.nj.com/a", "New Jersey", "New Jersey"},
		{"http://www.oregonlive.com/a", "Oregon", "Oregon"},
		{"http://www.saltlakecitytimes.com/a", "Salt Lake City", "Utah"},
		{"http://www.stlouisnews.com/a", "St. Louis", "Missouri"},
		{"http://www.example.com/chicago/a", "", ""},
		{"http://www.bbc.co.uk/news", "", ""},
		{"http://www.unionleader.com/a", "Manchester", "New Hampshire"},
		{"http://www.independentnews.com/a", "", ""},
		{"http://www.washingtonpost.com/local/a", "Washington", "District of Columbia"},
		{"http://www.kansascity.com/news/a", "Kansas City", "Missouri"},
		{"", "", ""},
		{"not a url", "", ""},
	} {
		p, ok := g.OutletHome(c.url)
		if c.name == "" {
			if ok {
				t.Errorf("%q: got %s, %s; want none", c.url, p.Name, p.Admin1)
			}
			continue
		}
		if !ok || p.Name != c.name || p.Admin1 != c.admin1 {
			t.Errorf("%q: got %q, %q (%v); want %q, %q", c.url, p.Name, p.Admin1, ok, c.name, c.admin1)
		}
	}
}

// BenchmarkOutletHome reads a few typical addresses: once per article.
func BenchmarkOutletHome(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	urls := []string{"http://www.chicagotribune.com/news/local/breaking/ct-shooting-story.html",
		"http://www.wpxi.com/news/man-shot/353248926", "http://abc7chicago.com:80/news/a",
		"http://www.sandiegouniontribune.com/news/2016/a", "http://news.yahoo.com/two-shot-1234.html"}
	g.OutletHome(urls[0])
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		g.OutletHome(urls[n%len(urls)])
		n++
	}
}

func TestOutletHomeAsContext(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const local = "http://www.dallasnews.com/news/crime/story.html"
	for _, c := range []struct {
		url, text, name string
		want            string // "Name, CC", or "" for none
	}{
		// A town abroad that the story names nothing else of is refused.
		{local, "A man was shot outside a bar in Bordeaux on Friday, police said.", "Bordeaux", ""},
		{local, "The suspect had moved from Bordeaux, France, last year.", "Bordeaux", "Bordeaux, FR"},
		{"", "A man was shot outside a bar in Bordeaux on Friday, police said.", "Bordeaux", "Bordeaux, FR"},
		// So is a division abroad ("Saint Anthony", a parish of Montserrat
		// that is also a hospital's name), unless its country is named.
		{local, "The boy was driven to St. Anthony with a wound to his arm.", "St. Anthony", ""},
		{local, "The suspect had lived in Saint Anthony, Montserrat, for a year.", "Saint Anthony", "Saint Anthony, MS"},
		// A small town only another state has, that state unnamed: a
		// local name the gazetteer lacks.
		{local, "A teen was shot near a store in Yankton late Friday.", "Yankton", ""},
		{local, "A teen was shot near a store in Yankton, South Dakota, late Friday.", "Yankton", "Yankton, US"},
		// The home's state decides between namesakes.
		{local, "Deputies said the shooting happened in Athens late Friday.", "Athens", "Athens, US"},
	} {
		r := g.NewResolver(Context{Text: c.text, URL: c.url})
		got := ""
		if b := r.Resolve(c.name).Best; b != nil {
			got = b.Name + ", " + b.Country
			if c.want == "Athens, US" && b.Admin1 != "Texas" {
				got += " (" + b.Admin1 + ")"
			}
		}
		if got != c.want {
			t.Errorf("%q in %q from %q: got %q, want %q", c.name, c.text, c.url, got, c.want)
		}
	}
}
