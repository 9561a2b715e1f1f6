package extract

import (
	"reflect"
	"testing"
)

func TestHeadlineNames(t *testing.T) {
	tests := []struct {
		title, body string
		want        []string
	}{
		{"Dalmera drive-by shooting leaves one dead", "Police in Dalmera said a man died.", []string{"Dalmera"}},
		{"Car bomb kills six in Port Aldane", "A car bomb exploded in Port Aldane.", []string{"Port Aldane"}},
		{"Second victim dies in Kessin shooting", "The second victim died.", []string{"Kessin"}},
		{"Names Of Victims In Nightclub Shooting Released", "", nil}, // title case: no names
		{"Shooting leaves teen hurt, Norvale police say", "A teen was hurt.", []string{"Norvale"}},
	}
	for _, tt := range tests {
		if got := headlineNames(tt.title, tt.body); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("headlineNames(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestWithin(t *testing.T) {
	city := &Location{Name: "Kerrville", Country: "US", Admin1: "Texas", Precision: "city"}
	tests := []struct {
		b    *Location
		want bool
	}{
		{&Location{Name: "Texas", Country: "US", Admin1: "Texas", Precision: "admin1"}, true},
		{&Location{Name: "United States", Country: "US", Precision: "country"}, true},
		{&Location{Name: "Ohio", Country: "US", Admin1: "Ohio", Precision: "admin1"}, false},
		{&Location{Name: "Austin", Country: "US", Admin1: "Texas", Precision: "city"}, false},
		{&Location{Name: "Mexico", Country: "MX", Precision: "country"}, false},
	}
	for _, tt := range tests {
		if got := within(city, tt.b); got != tt.want {
			t.Errorf("within(Kerrville, %s) = %v, want %v", tt.b.Name, got, tt.want)
		}
	}
}
