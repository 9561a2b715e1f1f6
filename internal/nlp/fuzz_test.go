package nlp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are inputs that reach the splitter's and the number
// parser's edge cases: abbreviations at the end, unclosed quotes, lone
// periods, bullets, huge numbers, dangling modifiers and ranges, and
// bytes that are not UTF-8.
var fuzzSeeds = []string{
	"",
	"a crash in which one person died",
	"which one",
	".",
	"...",
	"U.S.",
	"Gen.",
	"a.m. The",
	"1. 2. 3.",
	"- \n- \n",
	"\"?\"",
	"(.)",
	"At least 169 people and 13 soldiers were killed.",
	"between 10 and",
	"more than",
	"at least dozens of",
	"tens of tens of tens of thousands",
	"a million billion trillion",
	"99999999999999999999999999999999999999",
	"9.99999999999999999999 billion",
	"1,2,3,4,5",
	"12:04:05:06",
	"133-143-153",
	"twenty-two-twenty",
	"three hundred and",
	"a a a hundred",
	"nearly 0 and up to 0 and fewer than 0 people",
	"$ 5 million € £3bn 5m 5kms 19-year-olds",
	"no one none of nobody both",
	"Mr. W. Bush, 34, aged 19 in 2015 at 9 p.m. on Jan. 5",
	"9/11/2001 #5 No. 10",
	"\xff\xfe 12 \xc3 soldiers",
	"警方称三人受伤。为什么？",
	"“Who?” she asked… Then—nothing.",
	"He said:\n\n1) go\n(a) stay\n• wait",
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range Sentences(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %v after %d (len %d)", s, prev, len(text))
			}
			prev = s.End
			tprev := s.Start
			for _, tk := range Tokens(text, s) {
				if tk.Start < tprev || tk.End <= tk.Start || tk.End > s.End {
					t.Fatalf("bad token %+v in span %v after %d", tk, s, tprev)
				}
				if text[tk.Start:tk.End] != tk.Text {
					t.Fatalf("token text %q does not match offsets", tk.Text)
				}
				tprev = tk.End
			}
		}
		if utf8.ValidString(text) && strings.TrimSpace(text) != "" && len(Sentences(text)) == 0 {
			t.Fatalf("no sentence in non-blank text %q", text)
		}
	})
}

func FuzzQuantities(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		check := func(what string, qs []Quantity, lo, hi int) {
			prev := lo
			for _, q := range qs {
				if q.Start < prev || q.End <= q.Start || q.End > hi {
					t.Fatalf("%s: bad range %d..%d after %d (span end %d)", what, q.Start, q.End, prev, hi)
				}
				prev = q.End
				if q.Text != text[q.Start:q.End] {
					t.Fatalf("%s: text %q does not match offsets", what, q.Text)
				}
				if q.Min < 0 || q.Min > MaxValue || q.Max < Unbounded || q.Max > MaxValue {
					t.Fatalf("%s: %q out of range: %d..%d", what, q.Text, q.Min, q.Max)
				}
				if q.Bounded() && q.Min > q.Max {
					t.Fatalf("%s: %q has min %d > max %d", what, q.Text, q.Min, q.Max)
				}
				if q.Noun != "" && !strings.Contains(q.Text, q.Noun) && what != "coordinated" {
					t.Fatalf("%s: noun %q not in %q", what, q.Noun, q.Text)
				}
			}
		}
		whole := Quantities(text, Span{0, len(text)})
		check("whole", whole, 0, len(text))
		check("coordinated", Coordinated(text, whole), 0, len(text))
		for _, s := range Sentences(text) {
			check("sentence", Quantities(text, s), s.Start, s.End)
		}
		// Spans that do not fit are clipped, never a panic.
		Quantities(text, Span{-3, len(text) + 3})
		Quantities(text, Span{len(text), 0})
	})
}
