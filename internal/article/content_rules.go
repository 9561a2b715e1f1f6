package article

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The extractor's word lists live in rules/content.txt so that a user who
// meets a new naming convention can add it without reading Go; the file
// documents its own syntax.
//
//go:embed rules/content.txt
var contentRulesText string

// bodyRules is contentRulesText parsed; it is built once, at package
// initialisation, and only read afterwards.
var bodyRules = parseContentRules(contentRulesText)

// contentRules holds the parsed sections of rules/content.txt.
type contentRules struct {
	// boiler marks furniture outright; weak marks furniture only when
	// the element holds little running text (see prune).
	boiler, weak wordPatterns
	// lead marks a standfirst (see flatDoc.lead).
	lead wordPatterns
	// squeezed holds the content tiers.
	squeezed   squeezedIndex
	dropExact  map[string]bool
	dropPrefix []string
	dropSuffix []string
}

// wordPatterns match the words of a class/id value; see the syntax at the
// top of rules/content.txt.
type wordPatterns struct {
	// words maps a word to +1 (a match) or -1 (never a match, which also
	// overrides the affix patterns).
	words                 map[string]int8
	prefix, suffix, infix []string
	// compound entries ("print-only") match the squeezed value.
	compound []string
}

func (p *wordPatterns) add(line string) {
	lw := strings.ToLower(line)
	switch {
	case strings.HasPrefix(lw, "!"):
		p.words[lw[1:]] = -1
	case strings.ContainsAny(lw, "-_ "):
		p.compound = append(p.compound, squeeze(lw))
	case strings.HasPrefix(lw, "*") && strings.HasSuffix(lw, "*") && len(lw) > 2:
		p.infix = append(p.infix, lw[1:len(lw)-1])
	case strings.HasPrefix(lw, "*"):
		p.suffix = append(p.suffix, lw[1:])
	case strings.HasSuffix(lw, "*"):
		p.prefix = append(p.prefix, lw[:len(lw)-1])
	default:
		if p.words[lw] == 0 {
			p.words[lw] = 1
		}
	}
}

// squeezedIndex matches a squeezed attribute value (lowercase letters and
// digits only) against several named sets of patterns at once, by
// substring or by equality, and returns the bit mask of the sets that
// matched. Patterns are indexed by their first byte, so a value is scanned
// once rather than once per pattern: this runs for every distinct class
// and id of every page.
type squeezedIndex struct {
	byFirst [256][]squeezedPattern
	equals  map[string]uint8
}

type squeezedPattern struct {
	s    string
	mask uint8
}

// Bits of a squeezedIndex mask.
const (
	sqTier1 = 1 << iota
	sqTier2
	sqTier3
)

func (x *squeezedIndex) add(line string, mask uint8) {
	if eq, ok := strings.CutPrefix(line, "="); ok {
		if x.equals == nil {
			x.equals = map[string]uint8{}
		}
		x.equals[squeeze(eq)] |= mask
		return
	}
	s := squeeze(line)
	if s == "" {
		return
	}
	x.byFirst[s[0]] = append(x.byFirst[s[0]], squeezedPattern{s, mask})
}

func (x *squeezedIndex) match(sq string) uint8 {
	mask := x.equals[sq]
	for i := 0; i < len(sq); i++ {
		for _, p := range x.byFirst[sq[i]] {
			if mask&p.mask == 0 && strings.HasPrefix(sq[i:], p.s) {
				mask |= p.mask
			}
		}
	}
	return mask
}

func parseContentRules(text string) *contentRules {
	r := &contentRules{dropExact: map[string]bool{}}
	r.boiler.words = map[string]int8{}
	r.weak.words = map[string]int8{}
	r.lead.words = map[string]int8{}
	section := ""
	for line := range strings.SplitSeq(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			continue
		}
		switch section {
		case "boilerplate":
			r.boiler.add(line)
		case "boilerplate-weak":
			r.weak.add(line)
		case "content-1", "content-2", "content-3":
			r.squeezed.add(line, sqTier1<<(section[len(section)-1]-'1'))
		case "lead":
			r.lead.add(line)
		case "drop-lines":
			lw := strings.ToLower(line)
			if s, ok := strings.CutPrefix(lw, "*"); ok {
				r.dropSuffix = append(r.dropSuffix, s)
			} else if p, ok := strings.CutSuffix(lw, "*"); ok {
				r.dropPrefix = append(r.dropPrefix, p)
			} else {
				r.dropExact[lw] = true
			}
		}
	}
	return r
}

// squeeze lowercases s and keeps only its letters and digits.
func squeeze(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// matchWord reports whether one lowercased class/id word matches.
func (p *wordPatterns) matchWord(w string) bool {
	switch p.words[w] {
	case 1:
		return true
	case -1:
		return false
	}
	for _, x := range p.prefix {
		if strings.HasPrefix(w, x) {
			return true
		}
	}
	for _, x := range p.suffix {
		if strings.HasSuffix(w, x) {
			return true
		}
	}
	for _, x := range p.infix {
		if strings.Contains(w, x) {
			return true
		}
	}
	return false
}

// match splits an attribute value into words (at non-letters and camelCase
// boundaries) and reports whether any word, or the squeezed value for
// compound entries, matches. sq is squeeze(v).
func (p *wordPatterns) match(v, sq string) bool {
	for _, c := range p.compound {
		if strings.Contains(sq, c) {
			return true
		}
	}
	var buf [64]byte
	word := buf[:0]
	prevLower := false
	check := func() bool {
		if len(word) == 0 {
			return false
		}
		hit := p.matchWord(string(word))
		word = word[:0]
		return hit
	}
	for i := 0; i < len(v); {
		c := rune(v[i])
		size := 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(v[i:])
		}
		i += size
		switch {
		case 'a' <= c && c <= 'z':
			word = append(word, byte(c))
			prevLower = true
		case 'A' <= c && c <= 'Z':
			if prevLower && check() {
				return true
			}
			word = append(word, byte(c+'a'-'A'))
			prevLower = false
		case c >= utf8.RuneSelf && unicode.IsLetter(c):
			word = utf8.AppendRune(word, unicode.ToLower(c))
			prevLower = true
		default:
			if check() {
				return true
			}
			prevLower = false
		}
	}
	return check()
}

// isBoilerValue reports whether a class/id value marks furniture outright.
func (r *contentRules) isBoilerValue(v string) bool {
	return r.boiler.match(v, squeeze(v))
}

// contentTier returns 1..3 for a squeezed attribute value that names an
// article-body container, or 0.
func (r *contentRules) contentTier(sq string) int {
	return tierOf(r.squeezed.match(sq))
}

// tierOf returns the most specific tier in a squeezedIndex mask, or 0.
func tierOf(mask uint8) int {
	switch {
	case mask&sqTier1 != 0:
		return 1
	case mask&sqTier2 != 0:
		return 2
	case mask&sqTier3 != 0:
		return 3
	}
	return 0
}

// isDropLine reports whether a whole paragraph is a boilerplate line such
// as "Advertisement" or "Read more: …".
func (r *contentRules) isDropLine(p string) bool {
	if len(p) > 200 {
		return false
	}
	lw := strings.ToLower(strings.TrimRight(p, " .:!…>»›→|-–—\u00a0"))
	if r.dropExact[lw] {
		return true
	}
	if len(lw) < 40 && r.dropExact[zeroDigits(lw)] {
		return true // "Image 3 of 12", "14 comments"
	}
	if utf8.RuneCountInString(lw) < 100 {
		for _, pre := range r.dropPrefix {
			if strings.HasPrefix(lw, pre) {
				return true
			}
		}
		for _, suf := range r.dropSuffix {
			if strings.HasSuffix(lw, suf) {
				return true
			}
		}
	}
	return false
}

// zeroDigits replaces every run of ASCII digits in s with one "0".
func zeroDigits(s string) string {
	if !strings.ContainsAny(s, "123456789") && !strings.Contains(s, "00") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' {
			if len(b) == 0 || b[len(b)-1] != '0' {
				b = append(b, '0')
			}
			continue
		}
		b = append(b, c)
	}
	return string(b)
}
