package nlp

import (
	"runtime"
	"strings"
	"testing"

	"sitrep/internal/cputime"
)

// TestLinear checks that no input pattern makes the pipeline
// super-linear: eight times the input must cost under 32 times the CPU
// (linear is 8, quadratic 64; cache and GC effects on a shared machine
// were seen to reach 16). Patterns repeat what the rules look around for (abbreviations,
// periods, number words, list commas, modifiers) so that a rule which
// rescans would show here. It measures thread CPU time, not wall time, so
// a busy machine does not fail it.
func TestLinear(t *testing.T) {
	if _, ok := cputime.Thread(); !ok {
		t.Skip("no thread CPU clock on this system")
	}
	patterns := []string{
		"The soldiers, ",
		"U.S. ",
		"a. ",
		". ",
		"...",
		"one hundred and ",
		"at least more than ",
		"1,",
		"1-",
		"men, women, children, ",
		"a man ",
		"between 1 and ",
		"xxxxxxxxxxxxxxxx",
		"\n- ",
		"dozens of ",
		"(((",
		"“",
		"twenty-twenty-",
		"of the of the ",
	}
	// cost is the CPU per run over enough runs to pass the clock's
	// granularity (rusage counts in scheduler ticks).
	cost := func(text string) float64 {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		for runs := 1; ; runs *= 2 {
			c0, _ := cputime.Thread()
			for range runs {
				for _, s := range Sentences(text) {
					Tokens(text, s)
					Quantities(text, s)
				}
				Quantities(text, Span{0, len(text)})
			}
			c1, _ := cputime.Thread()
			if d := c1 - c0; d >= 10_000_000 {
				return float64(d) / float64(runs)
			}
		}
	}
	for _, p := range patterns {
		small := strings.Repeat(p, 4000/len(p))
		large := strings.Repeat(p, 8*4000/len(p))
		cs, cl := cost(small), cost(large)
		if cl > 32*cs {
			t.Errorf("pattern %q: 8x input cost %.1fx CPU (%.0f ns vs %.0f ns)", p, cl/cs, cl, cs)
		}
	}
}
