package resolve

import (
	"math"
	"testing"
)

// FuzzResolve: any input resolves without panicking, and a resolved place
// always has a real point and a known precision.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"", ",", "()", "(", "'s ", "Gaza's", "al", "the", "North", " - ", "—",
		"Long Beach, CA, US", "Kessin (Norland) (x)", "\xff\xfe", "ال", "St.", "a, b, c, d", "southern the",
		"KYIV, Ukraine, March 3 (Reuters) -", "Cox's Bazar camp", "Mosul's", "~maarat"} {
		f.Add(s, "Police in Atlanta said. Syrian forces.")
	}
	g, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		res := g.NewResolver(Context{Text: text, Dateline: name}).Resolve(name)
		if b := res.Best; b != nil {
			if (b.Lat == 0 && b.Lon == 0) || math.IsNaN(b.Lat) || math.Abs(b.Lat) > 90 || math.Abs(b.Lon) > 180 {
				t.Errorf("%q: bad point %v,%v", name, b.Lat, b.Lon)
			}
			switch b.Precision {
			case "point", "city", "admin1", "country":
			default:
				t.Errorf("%q: precision %q", name, b.Precision)
			}
		}
	})
}

// FuzzOutletHome: any address reads without panicking, and a home found
// is a US town or state; as context, the address changes nothing else.
func FuzzOutletHome(f *testing.F) {
	for _, s := range []string{"", "://", "http://", "http://.com", "http://www..com/", "http://a.b.c.d.com:80:90/x",
		"http://abc7.com", "http://fox.com", "http://123.com", "http://nj.com", "http://stlouis.com",
		"http://xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.com", "https://www.bbc.co.uk/news", "\xff.com"} {
		f.Add(s)
	}
	g, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, url string) {
		p, ok := g.OutletHome(url)
		if ok && (p.Country != "US" || (p.Precision != "city" && p.Precision != "admin1")) {
			t.Errorf("%q: home %s, %s (%s)", url, p.Name, p.Country, p.Precision)
		}
		g.NewResolver(Context{Text: "A man was shot in Dalmera.", URL: url}).Resolve("Dalmera")
	})
}
