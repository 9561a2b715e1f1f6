// Package nlp is the language layer under sitrep's event extractor:
// sentence splitting, tokenization and number phrases, for English news
// text.
//
//	for _, s := range nlp.Sentences(body) {
//		toks := nlp.Tokens(body, s)
//		qs := nlp.Quantities(body, s) // "at least 169 Afghans": 169.., people
//		totals := nlp.Coordinated(body, qs)
//		...
//	}
//
// It is rule-based on purpose. Every decision comes from a short local
// rule or a word list in data/ (embedded, and parsed once), so a wrong
// count can be traced to the rule or the word that made it, and fixed by
// editing a list rather than retraining anything. Every function reads
// its input left to right with bounded look-around and no regular
// expressions, so the cost is linear in the text and no input can make
// it slow.
//
// The word lists, each documenting its own format:
//
//   - data/abbreviations.txt: abbreviations, and which of them may end a
//     sentence.
//   - data/numbers.txt: number words, scales, glued suffixes ("5m").
//   - data/vague.txt: vague quantities and their ranges ("dozens" =
//     24..143), modifiers ("at least", "nearly") and what they do.
//   - data/persons.txt: nouns that name people, so a count is a count of
//     people ("13 soldiers", "a policeman").
//   - data/units.txt: what makes a number a year, time, age, amount of
//     money, measure or label instead of a count.
//   - data/stopwords.txt: where the search for a counted noun stops.
//
// Offsets are byte offsets into the text given, so results can be mapped
// back to the article and quoted as evidence. Quantity values are capped
// at MaxValue, so no input overflows.
//
// The sub-package timex (dates and times) is separate.
package nlp
