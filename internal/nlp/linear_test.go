package nlp

import (
	"math"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"sitrep/internal/cputime"
)

// TestLinear checks that no input pattern makes the pipeline
// super-linear: eight times the input must cost under 32 times the CPU
// (linear is 8, quadratic 64; cache effects reach about 16 with the
// collector paused, and with it running its assists alone took "((("
// to 34, which failed CI). Patterns repeat what the rules look around for (abbreviations,
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
	// granularity (rusage counts in scheduler ticks), the least of three
	// such measurements after one run that is not counted: a single run of
	// the large input otherwise pays for the heap's first growth (fresh
	// pages faulted in and cleared), which the small input's repeated runs
	// share, and a collection landing in one measurement is not the
	// algorithm's cost either.
	cost := func(text string) float64 {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		pass := func() {
			for _, s := range Sentences(text) {
				Tokens(text, s)
				Quantities(text, s)
			}
			Quantities(text, Span{0, len(text)})
		}
		pass()
		// The collector's assists would charge this thread for garbage
		// of earlier runs, in amounts that depend on heap size more than
		// on the input: it is paused while the clock runs.
		runtime.GC()
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
		best := math.Inf(1)
		for range 3 {
			for runs := 1; ; runs *= 2 {
				c0, _ := cputime.Thread()
				for range runs {
					pass()
				}
				c1, _ := cputime.Thread()
				if d := c1 - c0; d >= 10_000_000 {
					best = min(best, float64(d)/float64(runs))
					break
				}
			}
		}
		return best
	}
	for _, p := range patterns {
		small := strings.Repeat(p, 4000/len(p))
		large := strings.Repeat(p, 8*4000/len(p))
		cs, cl := cost(small), cost(large)
		t.Logf("pattern %q: 8x input cost %.1fx CPU", p, cl/cs)
		if cl > 32*cs {
			t.Errorf("pattern %q: 8x input cost %.1fx CPU (%.0f ns vs %.0f ns)", p, cl/cs, cl, cs)
		}
	}
}
