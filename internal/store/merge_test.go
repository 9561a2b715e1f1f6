package store

import (
	"slices"
	"testing"
	"time"

	"sitrep/internal/cluster"
)

// TestRankLinked checks that a kept candidate lookup takes in the reports
// linked after it by the query's rules: the same place filters, window
// and ranking (part, then distance in days, then id), an incident ranked
// by its best report, cut to maxCandidates.
func TestRankLinked(t *testing.T) {
	const d = 20000 // the event's window: days d to d+2
	key := candKey{country: "US", admin1: "ohio", ws: d, we: d + 2}
	full := &candList{}
	for i := range maxCandidates {
		full.ids = append(full.ids, int64(100+i))
		full.rank = append(full.rank, 1000000+int64(i)) // part 1, i days away
	}
	tests := []struct {
		name   string
		key    candKey
		list   *candList
		linked []linkedReport
		want   []int64 // best first
	}{
		{"same admin1 ranks first", key, &candList{ids: []int64{7}, rank: []int64{2000000}},
			[]linkedReport{{inc: 9, country: "US", admin1: "ohio", ws: d + 1, we: d + 1}},
			[]int64{9, 7}},
		{"other admin1 is not a candidate", key, &candList{ids: []int64{7}, rank: []int64{2000000}},
			[]linkedReport{{inc: 9, country: "US", admin1: "iowa", ws: d, we: d}},
			[]int64{7}},
		{"other country is not a candidate", key, &candList{},
			[]linkedReport{{inc: 9, country: "FR", admin1: "", ws: d, we: d}},
			nil},
		{"unplaced ranks after placed", key, &candList{},
			[]linkedReport{{inc: 9, country: "", ws: d, we: d}, {inc: 8, country: "US", ws: d + 4, we: d + 4}},
			[]int64{8, 9}},
		{"a better report betters its incident", key, &candList{ids: []int64{7, 8}, rank: []int64{1000001, 1000003}},
			[]linkedReport{{inc: 8, country: "US", admin1: "ohio", ws: d + 3, we: d + 3}},
			[]int64{8, 7}},
		{"a worse report does not worsen it", key, &candList{ids: []int64{7, 8}, rank: []int64{1, 3}},
			[]linkedReport{{inc: 7, country: "", ws: d, we: d}},
			[]int64{7, 8}},
		{"outside the window", key, &candList{},
			[]linkedReport{
				{inc: 1, country: "US", admin1: "ohio", ws: d + 2 + cluster.DateSlackDays + 1, we: d + 9},
				{inc: 2, country: "US", admin1: "ohio", ws: d - 60, we: d - cluster.FollowUpDays - 1},
				{inc: 3, country: "US", admin1: "ohio", ws: d + 2 + cluster.DateSlackDays, we: d + 9},
			},
			[]int64{3}},
		{"an event with no country sees every place", candKey{ws: d, we: d}, &candList{},
			[]linkedReport{{inc: 5, country: "FR", admin1: "x", ws: d - 2, we: d}, {inc: 4, country: "US", ws: d + 1, we: d + 1}},
			[]int64{4, 5}},
		{"cut to maxCandidates", key, full,
			[]linkedReport{{inc: 1, country: "US", admin1: "ohio", ws: d, we: d}},
			append([]int64{1}, full.ids[:maxCandidates-1]...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl := &candList{ids: slices.Clone(tt.list.ids), rank: slices.Clone(tt.list.rank)}
			cl.rankLinked(tt.key, tt.linked)
			if !slices.Equal(cl.ids, tt.want) {
				t.Errorf("ids = %v, want %v", cl.ids, tt.want)
			}
			if cl.seen != len(tt.linked) {
				t.Errorf("seen = %d, want %d", cl.seen, len(tt.linked))
			}
		})
	}
}

// TestSameTelling checks which later events of an article join an earlier
// one's incident as the same story told again: the same city, or a place
// less precise than the earlier one's and within it, on overlapping days.
func TestSameTelling(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	at := func(country, admin1, city string, d int) cluster.Item {
		it := cluster.Item{Country: country, Admin1: admin1, City: city, Published: day(12)}
		if d > 0 {
			it.Start, it.End = day(d), day(d)
		}
		return it
	}
	first := at("US", "Ohio", "Marlow", 10)
	tests := []struct {
		name  string
		later cluster.Item
		want  bool
	}{
		{"same city, same day", at("US", "ohio", "marlow", 10), true},
		{"same city, other day", at("US", "Ohio", "Marlow", 2), false},
		{"another city of the admin1", at("US", "Ohio", "Brennan", 10), false},
		{"the admin1 only", at("US", "Ohio", "", 10), true},
		{"another admin1", at("US", "Iowa", "", 10), false},
		{"the country only", at("US", "", "", 10), true},
		{"another country", at("CA", "", "", 10), false},
		{"no place, undated (the week before publication)", at("", "", "", 0), true},
		{"no place, dated apart", at("", "", "", 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sameTelling(first, tt.later); got != tt.want {
				t.Errorf("sameTelling = %v, want %v", got, tt.want)
			}
		})
	}
	// An earlier event with no city: a later one with a city is more
	// precise, another incident as far as the text says.
	if sameTelling(at("US", "Ohio", "", 10), at("US", "Ohio", "Marlow", 10)) {
		t.Error("a later event placed more precisely joined the earlier one")
	}
}
