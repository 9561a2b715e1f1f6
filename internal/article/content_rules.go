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
	// words maps a class/id word to +1 (boilerplate) or -1 (never
	// boilerplate, which also overrides the affix patterns below).
	words                 map[string]int8
	prefix, suffix, infix []string
	// compound entries ("print-only") match the squeezed value.
	compound                   []string
	tiers                      [3]squeezedPatterns // content-1 .. content-3
	lead                       squeezedPatterns
	dropExact                  map[string]bool
	dropPrefix                 []string
	maxTier                    int
	maxPrefixLen, maxSuffixLen int
}

// squeezedPatterns match a squeezed attribute value (lowercase letters and
// digits only) by substring or by equality.
type squeezedPatterns struct {
	contains []string
	equals   map[string]bool
}

func (p *squeezedPatterns) match(sq string) bool {
	if p.equals[sq] {
		return true
	}
	for _, c := range p.contains {
		if strings.Contains(sq, c) {
			return true
		}
	}
	return false
}

func parseContentRules(text string) *contentRules {
	r := &contentRules{words: map[string]int8{}, dropExact: map[string]bool{}}
	for i := range r.tiers {
		r.tiers[i].equals = map[string]bool{}
	}
	r.lead.equals = map[string]bool{}
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
			lw := strings.ToLower(line)
			switch {
			case strings.HasPrefix(lw, "!"):
				r.words[lw[1:]] = -1
			case strings.ContainsAny(lw, "-_ "):
				r.compound = append(r.compound, squeeze(lw))
			case strings.HasPrefix(lw, "*") && strings.HasSuffix(lw, "*") && len(lw) > 2:
				r.infix = append(r.infix, lw[1:len(lw)-1])
			case strings.HasPrefix(lw, "*"):
				r.suffix = append(r.suffix, lw[1:])
			case strings.HasSuffix(lw, "*"):
				r.prefix = append(r.prefix, lw[:len(lw)-1])
			default:
				if r.words[lw] == 0 {
					r.words[lw] = 1
				}
			}
		case "content-1", "content-2", "content-3":
			t := &r.tiers[section[len(section)-1]-'1']
			if eq, ok := strings.CutPrefix(line, "="); ok {
				t.equals[squeeze(eq)] = true
			} else {
				t.contains = append(t.contains, squeeze(line))
			}
		case "lead":
			if eq, ok := strings.CutPrefix(line, "="); ok {
				r.lead.equals[squeeze(eq)] = true
			} else {
				r.lead.contains = append(r.lead.contains, squeeze(line))
			}
		case "drop-lines":
			lw := strings.ToLower(line)
			if p, ok := strings.CutSuffix(lw, "*"); ok {
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

// isBoilerWord reports whether one lowercased class/id word marks
// boilerplate. A word listed with "!" is never boilerplate.
func (r *contentRules) isBoilerWord(w string) bool {
	switch r.words[w] {
	case 1:
		return true
	case -1:
		return false
	}
	for _, p := range r.prefix {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	for _, s := range r.suffix {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	for _, s := range r.infix {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// isBoilerValue splits an attribute value into words (at non-letters and
// camelCase boundaries) and reports whether any word marks boilerplate.
func (r *contentRules) isBoilerValue(v string) bool {
	if len(r.compound) > 0 {
		sq := squeeze(v)
		for _, c := range r.compound {
			if strings.Contains(sq, c) {
				return true
			}
		}
	}
	var buf [64]byte
	word := buf[:0]
	prevLower := false
	check := func() bool {
		if len(word) == 0 {
			return false
		}
		hit := r.isBoilerWord(string(word))
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

// contentTier returns 1..3 for a squeezed attribute value that names an
// article-body container, or 0.
func (r *contentRules) contentTier(sq string) int {
	if sq == "" {
		return 0
	}
	for i := range r.tiers {
		if r.tiers[i].match(sq) {
			return i + 1
		}
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
	if utf8.RuneCountInString(lw) < 100 {
		for _, pre := range r.dropPrefix {
			if strings.HasPrefix(lw, pre) {
				return true
			}
		}
	}
	return false
}
