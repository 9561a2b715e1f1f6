package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a sentence: a run of letters or digits, lowercased,
// with its byte offsets in the original text. Hyphens and apostrophes split
// words ("sit-in" is sit, in) so that spelling variants meet in the phrases.
type token struct {
	start, end int
	low        string
	num        bool // all digits
	cap        bool // starts with an upper-case letter
	brk        bool // punctuation (, ; : . ! ? ( ) ") stands between it and the previous word
}

// tokenize splits text into words in one pass.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1)
	start := -1
	brk := false
	flush := func(end int) {
		w := text[start:end]
		t := token{start: start, end: end, brk: brk}
		r, _ := utf8.DecodeRuneInString(w)
		t.cap = unicode.IsUpper(r)
		t.num = true
		for i := 0; i < len(w); i++ {
			if w[i] < '0' || w[i] > '9' {
				t.num = false
				break
			}
		}
		t.low = lower(w)
		toks = append(toks, t)
		start, brk = -1, false
	}
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			flush(i)
		}
		if !word {
			switch r {
			case ',', ';', ':', '.', '!', '?', '(', ')', '"', '“', '”', '—', '–', '[', ']':
				brk = true
			}
		}
	}
	if start >= 0 {
		flush(len(text))
	}
	return toks
}

// lower lowercases ASCII without allocating when the word is already lower
// case, the common case in news text.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(w)
		}
	}
	return w
}

// The trie's wildcard keys. They cannot collide with words, which never
// contain control characters.
const (
	anyWord = "\x00*"
	anyNum  = "\x00#"
)

// node is a trie node over words. Phrases with alternatives are expanded
// into plain word sequences before insertion, so matching is a walk with
// at most three branches (the word, "any word", "any number") per step.
type node struct {
	next map[string]*node
	any  *node
	num  *node
	out  []int32 // indices into matcher.refs of phrases ending here
}

func (n *node) child(key string) *node {
	switch key {
	case anyWord:
		if n.any == nil {
			n.any = &node{}
		}
		return n.any
	case anyNum:
		if n.num == nil {
			n.num = &node{}
		}
		return n.num
	}
	if n.next == nil {
		n.next = make(map[string]*node)
	}
	c := n.next[key]
	if c == nil {
		c = &node{}
		n.next[key] = c
	}
	return c
}

// match is one phrase found in a sentence: tokens [from, to).
type match struct {
	ref      int32
	from, to int
}

// matcher finds every codebook phrase in a token list.
type matcher struct {
	root   node
	maxLen int // words in the longest phrase: how far two overlapping matches can start apart
}

func (m *matcher) insert(seq []string, ref int32) {
	n := &m.root
	m.maxLen = max(m.maxLen, len(seq))
	for _, w := range seq {
		n = n.child(w)
	}
	for _, r := range n.out {
		if r == ref {
			return
		}
	}
	n.out = append(n.out, ref)
}

// find returns all phrase occurrences, by start then end. Each start walks
// the trie only as far as the longest phrase, so the cost is linear in the
// sentence length for a fixed codebook.
func (m *matcher) find(toks []token) []match {
	var out []match
	for i := range toks {
		out = m.walk(&m.root, toks, i, i, out)
	}
	return out
}

func (m *matcher) walk(n *node, toks []token, from, j int, out []match) []match {
	for _, r := range n.out {
		if j > from {
			out = append(out, match{ref: r, from: from, to: j})
		}
	}
	if j >= len(toks) {
		return out
	}
	if c := n.next[toks[j].low]; c != nil {
		out = m.walk(c, toks, from, j+1, out)
	}
	if n.num != nil && toks[j].num {
		out = m.walk(n.num, toks, from, j+1, out)
	}
	if n.any != nil {
		out = m.walk(n.any, toks, from, j+1, out)
	}
	return out
}

// near returns the matches of ms (sorted by start) that can overlap m: those
// starting at most maxLen words before it and before its end. It keeps the
// overlap tests linear in the sentence length.
func near(ms []match, m match, maxLen int) []match {
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].from >= m.from-maxLen })
	hi := sort.Search(len(ms), func(i int) bool { return ms[i].from >= m.to })
	if lo >= hi {
		return nil
	}
	return ms[lo:hi]
}

// inflect expands "word~" into the word and its regular inflections and
// derivations. It over-generates on purpose: forms that are not English
// never occur in text, so they cost only memory.
func inflect(w string) []string {
	forms := []string{w}
	add := func(s ...string) { forms = append(forms, s...) }
	for _, suf := range []string{"e", "s", "es", "ed", "ing", "er", "ers", "or", "ors", "ion", "ions", "ation", "ations", "ment", "ments", "ings", "ure", "ures", "ee", "ees", "al", "ly"} {
		add(w + suf)
	}
	n := len(w)
	if n == 0 {
		return forms
	}
	last := w[n-1]
	switch {
	case last == 'e':
		stem := w[:n-1]
		add(w+"d", w+"r", w+"rs", stem+"ing", stem+"ings", stem+"ion", stem+"ions", stem+"ation", stem+"ations", stem+"or", stem+"ors")
	case last == 'y' && n > 1 && !strings.ContainsRune("aeiou", rune(w[n-2])):
		stem := w[:n-1]
		add(stem+"ies", stem+"ied")
	case !strings.ContainsRune("aeiouwxy", rune(last)):
		d := w + string(last)
		add(d+"ed", d+"ing", d+"ings", d+"er", d+"ers")
	}
	return forms
}
