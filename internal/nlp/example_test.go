package nlp_test

import (
	"fmt"

	"sitrep/internal/nlp"
)

// The casualty counter's path: sentences, their quantities, and the sum
// of coordinated person counts.
func Example() {
	text := "Gunmen killed 13 American military personnel and at least 169 Afghans on Thursday. " +
		"Dozens of others were wounded in 2021, officials said."
	for _, s := range nlp.Sentences(text) {
		qs := nlp.Quantities(text, s)
		for _, q := range nlp.Coordinated(text, qs) {
			max := "no max"
			if q.Bounded() {
				max = fmt.Sprint("max ", q.Max)
			}
			fmt.Printf("%-7s %q: min %d, %s, noun %q, people %v\n", q.Kind, q.Text, q.Min, max, q.Noun, q.Person)
		}
	}
	// Output:
	// count   "13 American military personnel and at least 169 Afghans": min 182, no max, noun "personnel and Afghans", people true
	// count   "Dozens of others": min 24, max 143, noun "others", people true
	// year    "2021": min 2021, max 2021, noun "", people false
}
