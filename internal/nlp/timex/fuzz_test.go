package timex

import (
	"reflect"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFind checks the invariants every caller relies on, whatever the
// text: offsets inside it, Start < End, Text is text[Start:End], the
// expressions in order without overlaps, and no panic.
//
//	go test ./internal/nlp/timex -fuzz FuzzFind
func FuzzFind(f *testing.F) {
	for _, c := range cases {
		f.Add(c.text, int64(0))
	}
	for _, s := range []string{
		"", " ", "-", "'", "'90s", "the '", "1990s", "mid-", "Feb. 30, 2021", "13/45/2020", "2021-02-29",
		"0000-00-00", "9999-12-31", "10:61 p.m.", "25 p.m.", "12 a.m.", "noon Friday, March 3",
		"the 31st of February", "a minute and a half", "two and a half years", "1.5 days", "1,990",
		"Q5 2024", "the 0th century", "the first century", "every other Tuesday night", "Sun.",
		"yesterday yesterday yesterday", "\xff\xfe March 3", "二〇二四年 March", "the the the year",
		"nineteen ninety-six", "two thousand and one", "Monday, 3 May 2024 10:00 GMT",
	} {
		f.Add(s, int64(1711497600))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var anchor time.Time
		if unix != 0 {
			anchor = time.Unix(unix%(400*365*86400), 0).UTC()
		}
		got := Find(text, anchor)
		skipNonStarters = false
		full := Find(text, anchor)
		skipNonStarters = true
		if !reflect.DeepEqual(got, full) {
			t.Fatalf("the starters shortcut changed the result:\n%+v\n%+v", got, full)
		}
		prev := 0
		for _, x := range got {
			if x.Start < prev || x.Start >= x.End || x.End > len(text) {
				t.Fatalf("bad offsets %d-%d (previous end %d, len %d) in %q", x.Start, x.End, prev, len(text), text)
			}
			if text[x.Start:x.End] != x.Text {
				t.Fatalf("Text %q is not text[%d:%d] %q", x.Text, x.Start, x.End, text[x.Start:x.End])
			}
			if utf8.ValidString(text) && !utf8.ValidString(x.Text) {
				t.Fatalf("expression %q splits a character", x.Text)
			}
			switch x.Type {
			case "DATE", "TIME", "DURATION", "SET":
			default:
				t.Fatalf("type %q", x.Type)
			}
			if x.Value == "" && x.Warning == "" {
				t.Fatalf("%q has neither value nor warning", x.Text)
			}
			if s, e, ok := Interval(x.Value); ok && !s.Before(e) {
				t.Fatalf("%q: Interval(%q) = %v, %v: empty", x.Text, x.Value, s, e)
			} else if !ok && x.Precision != "" && x.Value != "" {
				t.Fatalf("%q: %s value %q has no span", x.Text, x.Precision, x.Value)
			}
			prev = x.End
		}
	})
}

// FuzzInterval: any string, no panic; a span is never empty.
func FuzzInterval(f *testing.F) {
	for _, v := range []string{"2016-12", "2024-W13-WE", "199", "2024-WI", "2024-03-22T22:30", "2024-03-22TNI", "P3Y", "2024-Q4", "0001-01-01", "9999-12-31"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if s, e, ok := Interval(v); ok && !s.Before(e) {
			t.Fatalf("Interval(%q) = %v, %v", v, s, e)
		}
	})
}
