// Package nlp is the language layer under sitrep's event extractor:
// sentence splitting, tokenization and number phrases, for English news
// text.
//
// It is rule-based on purpose. Every decision comes from a short local
// rule or a word list in data/ (embedded, and parsed once), so a wrong
// count can be traced to the rule or the word that made it, and fixed by
// editing a list rather than retraining anything. Every function reads
// its input left to right with bounded look-around and no regular
// expressions, so the cost is linear in the text and no input can make
// it slow.
//
// Offsets are byte offsets into the text given, so results can be mapped
// back to the article and quoted as evidence.
//
// The sub-package timex (dates and times) is separate.
package nlp
