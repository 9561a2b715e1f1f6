package cluster

import (
	"slices"
	"testing"
)

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Sheriff Dana Whitlow said Ray Okafor, 19, was shot.", []string{"ray_okafor"}},
		{"the 19-year-old Dana J. Whitlow told the court", []string{"dana_whitlow"}},
		{"Ray O'Kafor Jr., 31, and Mary Ann Lutz (40)", []string{"mary_lutz", "ray_okafor"}},
		{"Ray Okafor said 19 people", nil},
		{"on Harbor Street, 19, near Velm County Court, 20,", nil},
		{"PORT DUNMORE, 20, Okafor said", nil},
		{"Okafor. Whitlow, 19, went home", nil},
		{"Okafor\nWhitlow, 19,", nil},
		{"Ray Okafor: 19", nil},
		{"John Paul George Ringo Okafor, 19", nil},
	} {
		got := Names(tc.text)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Names(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

const (
	whitlowShot = "Dana Whitlow, 19, was shot dead outside a bakery on Kestrel Lane in Port Dunmore late on Friday, " +
		"police said. A second man was wounded. Officers were searching for a grey van seen leaving the lane."
	whitlowNoAge = "Dana Whitlow was shot dead outside a bakery on Kestrel Lane in Port Dunmore late on Friday, " +
		"police said. A second man was wounded. Officers were searching for a grey van seen leaving the lane."
	whitlowSentence = "A judge in Port Dunmore on Thursday sentenced Ray Okafor, 24, to life in prison. Jurors heard " +
		"that he fired from a van at the victim. His lawyer said he would appeal the verdict."
	otherSentence = "A judge in Port Dunmore on Thursday sentenced Ray Okafor, 24, to life in prison for a robbery at " +
		"a fuel depot in which a guard was beaten. His lawyer said he would appeal the verdict."
)

// TestNamedFollowUp checks that a follow-up naming the victim or suspect
// of an incident joins it months later, and that names do not join what
// the other rules keep apart.
func TestNamedFollowUp(t *testing.T) {
	shot := story{id: "a", pub: "2031-03-08", date: "2031-03-07", admin1: "Velm", city: "Port Dunmore", subtype: "attack",
		killed: ip(1), wounded: ip(1), title: "Man, 19, shot dead on Kestrel Lane", text: whitlowShot}
	for _, tc := range []struct {
		name    string
		stories []story
		want    []int
	}{
		{"sentence months later naming the victim in its headline joins", []story{shot,
			{id: "b", pub: "2031-09-02", date: "2031-09-01", admin1: "Velm", city: "Port Dunmore", subtype: "attack",
				title: "Ray Okafor gets life for killing Dana Whitlow", text: whitlowSentence},
		}, []int{0, 0}},
		{"the same name given without an age on either side does not reach back", []story{
			{id: "a", pub: "2031-03-08", date: "2031-03-07", admin1: "Velm", city: "Port Dunmore", subtype: "attack",
				killed: ip(1), wounded: ip(1), title: "Man shot dead on Kestrel Lane", text: whitlowNoAge},
			{id: "b", pub: "2031-09-02", date: "2031-09-01", admin1: "Velm", city: "Port Dunmore", subtype: "attack",
				title: "Ray Okafor gets life for killing Dana Whitlow", text: whitlowSentence},
		}, []int{0, 1}},
		{"a named follow-up in another country stays apart", []story{shot,
			{id: "b", pub: "2031-09-02", date: "2031-09-01", admin1: "Velm", city: "Port Dunmore", subtype: "attack",
				title: "Ray Okafor gets life for killing Dana Whitlow", text: whitlowSentence, country: "YY"},
		}, []int{0, 1}},
		{"a sentence naming only someone else stays apart", []story{shot,
			{id: "b", pub: "2031-09-02", date: "2031-09-01", admin1: "Velm", city: "Port Dunmore", subtype: "attack",
				title: "Ray Okafor gets life for depot robbery", text: otherSentence},
		}, []int{0, 1}},
		{"a follow-up after NamedFollowUpDays stays apart", []story{shot,
			{id: "b", pub: "2034-09-02", date: "2034-09-01", admin1: "Velm", city: "Port Dunmore", subtype: "attack",
				title: "Ray Okafor gets life for killing Dana Whitlow", text: whitlowSentence},
		}, []int{0, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Enough unrelated background that a name in two reports is
			// rare (see NameIDF), as it is in any real collection.
			checkIncidents(t, tc.stories, tc.want, 400, "police said the attack happened on friday in the city and a man was killed and a judge sentenced him")
		})
	}
}

func TestTokensHeadlineNames(t *testing.T) {
	for _, tc := range []struct {
		title, text string
		want, not   string
	}{
		{"Ray Okafor gets life", "The court heard the case.", "ray~okafor", "ray_okafor"},
		{"Ray Okafor, 24, gets life", "The court heard the case.", "ray_okafor", "ray~okafor"},
		{"Life sentence in Kestrel Lane killing", "Ray Okafor was sentenced.", "", "ray~okafor"},
	} {
		got := Tokens(tc.title, tc.text)
		if tc.want != "" && !slices.Contains(got, tc.want) {
			t.Errorf("Tokens(%q, %q) = %q, want %q among them", tc.title, tc.text, got, tc.want)
		}
		if slices.Contains(got, tc.not) {
			t.Errorf("Tokens(%q, %q) = %q, want no %q", tc.title, tc.text, got, tc.not)
		}
	}
}

func TestNameKeys(t *testing.T) {
	for _, tc := range []struct {
		tokens []string
		want   []string
	}{
		{[]string{"dana_whitlow", "dana~whitlow", "lane", "ray~okafor"}, []string{"dana_whitlow", "ray_okafor"}},
		{[]string{"kestrel", "lane"}, nil},
	} {
		if got := NameKeys(tc.tokens); !slices.Equal(got, tc.want) {
			t.Errorf("NameKeys(%q) = %q, want %q", tc.tokens, got, tc.want)
		}
	}
	if got := NameWords("ray~okafor"); !slices.Equal(got, []string{"ray", "okafor"}) {
		t.Errorf("NameWords = %q", got)
	}
}
