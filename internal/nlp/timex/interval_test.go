package timex

import "testing"

func TestInterval(t *testing.T) {
	for _, c := range []struct {
		value, start, end string
	}{
		{"2016-12", "2016-12-01T00:00", "2017-01-01T00:00"},
		{"2016-12-14", "2016-12-14T00:00", "2016-12-15T00:00"},
		{"2016", "2016-01-01T00:00", "2017-01-01T00:00"},
		{"2016-Q4", "2016-10-01T00:00", "2017-01-01T00:00"},
		{"2016-H1", "2016-01-01T00:00", "2016-07-01T00:00"},
		{"2024-W13", "2024-03-25T00:00", "2024-04-01T00:00"},
		{"2024-W13-WE", "2024-03-30T00:00", "2024-04-01T00:00"},
		{"2020-W53", "2020-12-28T00:00", "2021-01-04T00:00"},
		{"2024-WI", "2023-12-01T00:00", "2024-03-01T00:00"},
		{"2024-SU", "2024-06-01T00:00", "2024-09-01T00:00"},
		{"199", "1990-01-01T00:00", "2000-01-01T00:00"},
		{"19", "1900-01-01T00:00", "2000-01-01T00:00"},
		{"2024-03-22TNI", "2024-03-22T20:00", "2024-03-23T06:00"},
		{"2024-03-22T22:30", "2024-03-22T22:30", "2024-03-22T22:31"},
	} {
		s, e, ok := Interval(c.value)
		if !ok || s.Format("2006-01-02T15:04") != c.start || e.Format("2006-01-02T15:04") != c.end {
			t.Errorf("Interval(%q) = %v, %v, %v; want %s, %s", c.value, s, e, ok, c.start, c.end)
		}
	}
	for _, bad := range []string{"", "P3Y", "PRESENT_REF", "XXXX-WXX-2", "2021-02-29", "2024-13", "2024-W54", "2021-W53", "2024-Q5", "0000", "2024-03-22T25:00", "2024-03-22TXX", "abcd", "2024-SU-1", "2024-03-22T10:3"} {
		if s, e, ok := Interval(bad); ok {
			t.Errorf("Interval(%q) = %v, %v, want no span", bad, s, e)
		}
	}
}

// Every calendar value Find writes has a span, and the span of a day
// expression lies in its month's.
func TestIntervalOfFind(t *testing.T) {
	for _, c := range cases {
		for _, x := range Find(c.text, day(c.dct)) {
			if x.Precision == "" || x.Value == "" {
				continue
			}
			if _, _, ok := Interval(x.Value); !ok {
				t.Errorf("%q: no span for %s value %q", x.Text, x.Precision, x.Value)
			}
		}
	}
}

func TestSeasons(t *testing.T) {
	for _, c := range []struct{ dct, text, want string }{
		{"2024-03-27", "Fighting continued during winter.", "2024-WI"},
		{"2024-10-15", "The offensive began last winter.", "2024-WI"},
		{"2024-01-15", "The offensive began last winter.", "2023-WI"},
		{"2024-03-27", "Talks will resume this summer.", "2024-SU"},
		{"2024-03-27", "Elections are due next spring.", "2025-SP"},
		{"2024-03-27", "The camp flooded in the summer.", "2023-SU"},
		{"2024-03-27", "The army will attack in the summer.", "2024-SU"},
		{"2024-03-27", "In 2019 the city fell, and that winter the siege began.", "2019-WI"},
	} {
		var got []string
		for _, x := range Find(c.text, day(c.dct)) {
			if x.Precision == "season" {
				got = append(got, x.Value)
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s (%s): seasons %v, want %s", c.text, c.dct, got, c.want)
		}
	}
}
