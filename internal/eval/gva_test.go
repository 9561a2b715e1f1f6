package eval

import "testing"

func TestRunGVA(t *testing.T) {
	set := &GVASet{
		Incidents: map[string]GVAIncident{
			"1": {ID: "1", Date: "2015-03-01", City: "Springfield", State: "Illinois", Killed: 2, Injured: 0, HasMetadata: true},
			"2": {ID: "2", HasMetadata: false},
			"3": {ID: "3", Date: "2015-04-01", City: "Dorrow", State: "Ohio", Killed: 1, HasMetadata: true, Categories: []string{"accidental_deaths", "teens_killed"}},
		},
		Articles: []GVAArticle{
			{ID: "a", IncidentID: "1"},
			{ID: "b", IncidentID: "1"},
			{ID: "c", IncidentID: "1", Boilerplate: true}, // skipped
			{ID: "d", IncidentID: "2"},                    // no metadata: skipped
			{ID: "e", IncidentID: "3"},                    // an accident: scored, but not on the second line
		},
	}
	two, three := 2, 3
	rep := set.RunGVA(func(a GVAArticle) GVAPrediction {
		if a.ID == "e" {
			return GVAPrediction{} // no event, as for an accident
		}
		if a.ID == "a" {
			return GVAPrediction{Date: "2015-03-01", City: "springfield", State: "Illinois", Killed: &two}
		}
		return GVAPrediction{Date: "2015-03-02", City: "Chicago", Killed: &three, Injured: &two}
	})
	if rep.Articles != 3 {
		t.Fatalf("scored %d articles, want 3", rep.Articles)
	}
	na := rep.NotAccidental
	if na == nil || na.Articles != 2 || na.Date.Accuracy() != 0.5 || na.Killed.Accuracy() != 0.5 {
		t.Fatalf("not-accidental report %+v, want articles a and b only", na)
	}
	checks := []struct {
		name string
		f    GVAField
		acc  float64
	}{
		{"date", rep.Date, 1.0 / 3}, {"city", rep.City, 1.0 / 3}, {"state", rep.State, 1.0 / 3},
		{"killed", rep.Killed, 1.0 / 3}, {"injured (nil scores as 0)", rep.Injured, 2.0 / 3},
	}
	for _, c := range checks {
		if c.f.Accuracy() != c.acc {
			t.Errorf("%s accuracy = %v, want %v", c.name, c.f.Accuracy(), c.acc)
		}
	}
	if got := rep.Killed.RMSE(); got < 0.816 || got > 0.817 {
		t.Errorf("killed RMSE = %v, want sqrt(2/3)", got)
	}
	if len(rep.Misses) != 9 {
		t.Errorf("%d misses, want 9: %+v", len(rep.Misses), rep.Misses)
	}
}

func TestSameGVACounty(t *testing.T) {
	for _, c := range []struct {
		got, want string
		same      bool
	}{
		{"Dalmer County", "Dalmer (county)", true},
		{"DALMER COUNTY", "Dalmer County", true},
		{"Dalmer Parish", "Dalmer (county)", true},
		{"Dalmer County", "Dalmer", false}, // a town of that name is not the county
		{"Dalmer County", "Norvale (county)", false},
		{"", "Dalmer (county)", false},
	} {
		if got := SameGVACounty(c.got, c.want); got != c.same {
			t.Errorf("SameGVACounty(%q, %q) = %v, want %v", c.got, c.want, got, c.same)
		}
	}
}

func TestSameGVACity(t *testing.T) {
	for _, c := range []struct {
		got, want string
		same      bool
	}{
		{"Springfield", "springfield", true},
		{"Brookdale", "Carverton (Brookdale)", true}, // the neighbourhood the archive adds
		{"Carverton", "Carverton (Brookdale)", true}, // the city it belongs to
		{"The Brookdale", "Brookdale", true},         // a gazetteer's leading article
		{"Elm Park", "Carverton (Brookdale)", false},
		{"Carverton (Brookdale)", "Carverton (Brookdale)", true},
		{"St. Albans", "Saint Albans", true},
		{"Ft. Wayland", "Fort Wayland", true},
		{"Saint Albans", "Saint Albansville", false},
		{"Port-Aldane", "Port Aldane", true}, // a hyphen joins one name
		{"", "Carverton (Brookdale)", false},
		{"", "", false}, // no prediction is never right
		{"Brookdale", "Carverton", false},
	} {
		if got := SameGVACity(c.got, c.want); got != c.same {
			t.Errorf("SameGVACity(%q, %q) = %v, want %v", c.got, c.want, got, c.same)
		}
	}
}

// TestRunGVASamePlace: a prediction's SamePlace hook can credit a city the
// archive names differently, and only with the archive's city and state.
func TestRunGVASamePlace(t *testing.T) {
	set := &GVASet{
		Incidents: map[string]GVAIncident{"1": {ID: "1", City: "Carverton", State: "Ohio", HasMetadata: true}},
		Articles:  []GVAArticle{{ID: "a", IncidentID: "1"}, {ID: "b", IncidentID: "1"}, {ID: "c", IncidentID: "1"}},
	}
	rep := set.RunGVA(func(a GVAArticle) GVAPrediction {
		p := GVAPrediction{City: "Carverton City", State: "Ohio"}
		switch a.ID {
		case "a":
			p.SamePlace = func(city, state string) bool { return city == "Carverton" && state == "Ohio" }
		case "b":
			p.SamePlace = func(string, string) bool { return false }
		}
		return p
	})
	if rep.City.Correct != 1 || rep.City.Total != 3 {
		t.Errorf("city %d/%d, want 1/3 (only the hook that agrees)", rep.City.Correct, rep.City.Total)
	}
}
