package extract

import "fmt"

// Reason records why an event field has its value: which rule fired, on
// which words, in which sentence. Analysts must be able to see why sitrep
// coded what it did; `sitrep explain` prints these.
type Reason struct {
	Field    string `json:"field"`    // type, killed, wounded, date, location, certainty, claims, perpetrators, targets, victims, weapons
	Value    string `json:"value"`    // the value the rule gave
	Rule     string `json:"rule"`     // what fired, in words
	Sentence string `json:"sentence"` // the sentence it fired on
}

// String writes a count as "6", "23+" or "24-143".
func (c Count) String() string {
	switch {
	case c.Max == nil:
		return fmt.Sprintf("%d+", c.Min)
	case *c.Max == c.Min:
		return fmt.Sprint(c.Min)
	}
	return fmt.Sprintf("%d-%d", c.Min, *c.Max)
}
