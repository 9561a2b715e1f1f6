package store

import (
	"fmt"
	"testing"
)

// TestNamedFollowUp checks that the store finds, through the names an
// article shares with older ones (nameCandidates), the incident of a
// follow-up dated months after it, which its window of days does not
// reach; and that a follow-up naming someone else stays apart.
func TestNamedFollowUp(t *testing.T) {
	shooting := report{url: "https://kestrel-news.example/shot", pub: "2031-03-08", date: "2031-03-07",
		title: "Man, 19, shot dead on Kestrel Lane",
		text: "Dana Whitlow, 19, was shot dead outside a bakery on Kestrel Lane in Port Halvern late on Friday, " +
			"police said. A second man was wounded. Officers were searching for a grey van seen leaving the lane.",
		country: "ZZ", admin1: "Halvern", city: "Port Halvern", subtype: "attack", killed: ip(1), wounded: ip(1)}
	sentence := func(title, victim string) report {
		return report{url: "https://halvern-courier.example/" + victim, pub: "2031-09-02", date: "2031-09-01", title: title,
			text: "A judge in Port Halvern on Thursday sentenced Ray Okafor, 24, to life in prison for killing " + victim +
				". Jurors heard that he fired from a van. His lawyer said he would appeal the verdict.",
			country: "ZZ", admin1: "Halvern", city: "Port Halvern", subtype: "attack"}
	}
	// Background in another country, so that a name in two articles is
	// rare (cluster.NameIDF) as in any real collection.
	var background []report
	for i := range 420 {
		background = append(background, report{url: fmt.Sprintf("https://elsewhere.example/%d", i), pub: "2031-01-10",
			date: "2031-01-09", title: fmt.Sprintf("Market fire number %d in Osk", i),
			text:    fmt.Sprintf("A fire broke out at stall k%dk of the Osk market, traders said; item r%dr was lost.", i, i),
			country: "YY", admin1: "Osk", city: "Osk", subtype: "attack"})
	}
	// The first report names the victim in its headline only; the
	// sentence gives her age.
	headlined := shooting
	headlined.title = "Dana Whitlow shot dead on Kestrel Lane"
	headlined.text = "A woman was shot dead outside a bakery on Kestrel Lane in Port Halvern late on Friday, " +
		"police said. A second man was wounded. Officers were searching for a grey van seen leaving the lane."
	aged := sentence("Ray Okafor gets life for Kestrel Lane killing", "Dana Whitlow, 19,")
	for _, tc := range []struct {
		name            string
		first, followUp report
		incidents       int // besides the background's
	}{
		{"a sentence naming the victim joins months later", shooting, sentence("Ray Okafor gets life for killing Dana Whitlow", "Dana Whitlow"), 1},
		{"a sentence giving the age of the victim a headline named joins", headlined, aged, 1},
		{"a sentence naming another victim stays apart", shooting, sentence("Ray Okafor gets life for killing Lena Marsh", "Lena Marsh"), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, dsn string) {
				s := open(t, dsn)
				putReports(t, s, background...)
				putReports(t, s, tc.first)
				putReports(t, s, tc.followUp)
				got := allIncidents(t, s, IncidentFilter{Country: "ZZ"})
				if len(got) != tc.incidents {
					t.Errorf("%d incidents, want %d", len(got), tc.incidents)
				}
			})
		})
	}
}
