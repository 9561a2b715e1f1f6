package eval

import "testing"

func TestRunGVA(t *testing.T) {
	set := &GVASet{
		Incidents: map[string]GVAIncident{
			"1": {ID: "1", Date: "2015-03-01", City: "Springfield", State: "Illinois", Killed: 2, Injured: 0, HasMetadata: true},
			"2": {ID: "2", HasMetadata: false},
		},
		Articles: []GVAArticle{
			{ID: "a", IncidentID: "1"},
			{ID: "b", IncidentID: "1"},
			{ID: "c", IncidentID: "1", Boilerplate: true}, // skipped
			{ID: "d", IncidentID: "2"},                    // no metadata: skipped
		},
	}
	two, three := 2, 3
	rep := set.RunGVA(func(a GVAArticle) GVAPrediction {
		if a.ID == "a" {
			return GVAPrediction{Date: "2015-03-01", City: "springfield", State: "Illinois", Killed: &two}
		}
		return GVAPrediction{Date: "2015-03-02", City: "Chicago", Killed: &three, Injured: &two}
	})
	if rep.Articles != 2 {
		t.Fatalf("scored %d articles, want 2", rep.Articles)
	}
	checks := []struct {
		name string
		f    GVAField
		acc  float64
	}{
		{"date", rep.Date, 0.5}, {"city", rep.City, 0.5}, {"state", rep.State, 0.5},
		{"killed", rep.Killed, 0.5}, {"injured (nil scores as 0)", rep.Injured, 0.5},
	}
	for _, c := range checks {
		if c.f.Accuracy() != c.acc {
			t.Errorf("%s accuracy = %v, want %v", c.name, c.f.Accuracy(), c.acc)
		}
	}
	if got := rep.Killed.RMSE(); got < 0.707 || got > 0.708 {
		t.Errorf("killed RMSE = %v, want sqrt(1/2)", got)
	}
	if len(rep.Misses) != 5 {
		t.Errorf("%d misses, want 5: %+v", len(rep.Misses), rep.Misses)
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
		{"", "Carverton (Brookdale)", false},
		{"", "", false}, // no prediction is never right
		{"Brookdale", "Carverton", false},
	} {
		if got := SameGVACity(c.got, c.want); got != c.same {
			t.Errorf("SameGVACity(%q, %q) = %v, want %v", c.got, c.want, got, c.same)
		}
	}
}
