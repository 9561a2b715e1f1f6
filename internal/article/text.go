package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// readText reads a plain-text page: headline first, then an optional
// standfirst, date lines and the dateline, then the body.
//
// The headline is the first paragraph when it is shaped like one. The
// paragraph after it is the standfirst only when the page's own furniture
// (a date line, a byline or a dateline) comes after it: that is what makes
// it a summary set above the story rather than the story's first paragraph.
func readText(s string) Article {
	var a Article
	paras := splitTextParagraphs(s)
	if len(paras) == 0 {
		return a
	}
	next := 0
	if isHeadline(paras[0]) {
		a.Title = cleanTitle(paras[0], "", "")
		next = 1
	}
	if a.Title != "" && next < len(paras) && isStandfirst(paras[next], a.Title) && furnitureFollows(paras, next+1) {
		// In a text page the standfirst sits with the headline above the
		// date line, apart from the story, so it moves out of the body.
		// (An HTML extractor may keep it first in the body instead, and
		// finishArticle leaves that alone.)
		a.Subtitle = paras[next]
		paras = append(paras[:next:next], paras[next+1:]...)
	}
	finishArticle(&a, paras)
	return a
}

// isHeadline reports whether a paragraph is shaped like a headline: short,
// one line, not a full sentence ending in a period, and not a date line,
// byline or dateline paragraph.
func isHeadline(p string) bool {
	n := wordCount(p)
	if n == 0 || n > 25 || utf8.RuneCountInString(p) > 200 {
		return false
	}
	if last := lastRune(p); last == '.' && !strings.HasSuffix(p, "...") || last == ',' || last == ';' {
		return false
	}
	if _, _, ok := parseDateLine(p); ok {
		return false
	}
	if _, ok := cutByline(p); ok {
		return false
	}
	return true
}

// isStandfirst reports whether p could be the standfirst under title:
// prose of at least a clause, not a label, not furniture, not opening with
// a dateline.
func isStandfirst(p, title string) bool {
	// A standfirst is written as sentences; a photo caption usually ends
	// in a credit "(Photo: …)" or no punctuation at all. A paragraph that
	// opens with the headline is the headline again, run into furniture.
	if wordCount(p) < 8 || len(headerKey(p))*2 < len(p) || !isSentence(p) || isFurniture(p) || strings.HasPrefix(headerKey(p), headerKey(title)) {
		return false
	}
	if _, _, ok := cutDateline(p); ok {
		return false
	}
	return true
}

// furnitureFollows reports whether one of the few paragraphs from i on is a
// date line or byline, or opens with a dateline, skipping caption-like
// labels on the way.
func furnitureFollows(paras []string, i int) bool {
	for k := i; k < len(paras) && k < i+4; k++ {
		p := paras[k]
		if isFurniture(p) {
			return true
		}
		if _, _, ok := cutDateline(p); ok {
			return true
		}
		if !isLabel(p) {
			return false
		}
	}
	return false
}

// splitTextParagraphs splits plain text into paragraphs. Blank lines
// separate paragraphs; a text without any blank line has one paragraph per
// line, unless its lines are hard-wrapped to a fixed width, in which case
// a short line ends a paragraph. Inside a blank-line-separated block,
// wrapped lines are joined, but a block of short independent lines (a
// headline over a date line) is split into its lines.
func splitTextParagraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	hasBlank := false
	for i := 1; i < len(lines)-1; i++ {
		if lines[i] == "" && lines[i-1] != "" {
			hasBlank = true
			break
		}
	}
	var paras []string
	if !hasBlank {
		return splitBlock(lines, false)
	}
	start := -1
	for i := 0; i <= len(lines); i++ {
		if i == len(lines) || lines[i] == "" {
			if start >= 0 {
				paras = append(paras, splitBlock(lines[start:i], true)...)
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return paras
}

// splitBlock turns consecutive non-blank lines into paragraphs. Between
// blank lines (joined is true) they are one paragraph; in a text without
// blank lines they are joined when they look hard-wrapped (most lines fill
// most of the width, and a short line ends a paragraph), and one per line
// otherwise. Furniture lines (date lines, bylines) always stand alone.
func splitBlock(lines []string, joined bool) []string {
	var nonEmpty []string
	width := 0
	for _, l := range lines {
		if l == "" {
			continue
		}
		nonEmpty = append(nonEmpty, l)
		width = max(width, utf8.RuneCountInString(l))
	}
	if len(nonEmpty) <= 1 {
		return nonEmpty
	}
	// Wrapped text has a width (40–100 columns) that most lines reach.
	wrapped := width >= 40 && width <= 100
	if wrapped && !joined {
		long := 0
		for _, l := range nonEmpty[:len(nonEmpty)-1] {
			if utf8.RuneCountInString(l)*4 >= width*3 {
				long++
			}
		}
		wrapped = long*2 >= len(nonEmpty)-1
	}
	if !wrapped && !joined {
		return nonEmpty
	}
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, l := range nonEmpty {
		if isFurniture(l) {
			flush()
			paras = append(paras, l)
			continue
		}
		// Trailing furniture ("Copyright 2024 ...", "Tags: ...") starts
		// a paragraph of its own after a sentence.
		if len(cur) > 0 && isSentence(cur[len(cur)-1]) {
			if kind, _ := trailerKind(l); kind != 0 {
				flush()
			}
		}
		cur = append(cur, l)
		// In unbroken text, a line well short of the width ends its
		// paragraph.
		if !joined && utf8.RuneCountInString(l)*4 < width*3 {
			flush()
		}
	}
	flush()
	return paras
}

// isFurniture reports whether a line is a date line or a byline.
func isFurniture(p string) bool {
	if len(p) > 2*maxDateLine {
		return false
	}
	_, ok := classifyMetaLine(p)
	return ok
}

// isLabel reports whether p is a short caption or label rather than a
// sentence: one to six words, no final sentence punctuation. "Photos from
// the scene", "Pictures of the aftermath", "Watch:".
func isLabel(p string) bool {
	n := wordCount(p)
	if n == 0 || n > 6 || utf8.RuneCountInString(p) > 60 {
		return false
	}
	switch lastRune(p) {
	case '.', '!', '?', '…', '"', '”', '»', ';', ',':
		return false
	}
	return true
}

// isSentence reports whether p ends like a sentence.
func isSentence(p string) bool {
	switch lastRune(strings.TrimRight(p, "\"'”’»)")) {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

func lastRune(s string) rune {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// wordCount counts what strings.Fields would return without building the
// slice: it is called on whole paragraphs, and a page that is one long
// line would otherwise allocate a string header per word just to be counted.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if isLetterOrDigit(r) {
			return true
		}
	}
	return false
}

func isLetterOrDigit(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// collapseSpace trims s and turns every run of white space (including
// no-break spaces) into one space.
func collapseSpace(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\t' || c == '\r' || c >= 0x80 || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// sameText compares two strings ignoring case, white space and punctuation:
// a headline repeated in the body may differ in quotes or a final period.
func sameText(a, b string) bool {
	if a == "" || b == "" || len(a) > 2*len(b)+16 || len(b) > 2*len(a)+16 {
		return false
	}
	return headerKey(a) == headerKey(b)
}
