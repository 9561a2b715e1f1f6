// Package wordlist reads the plain-text rule files that sitrep's stages
// keep their vocabulary in (boilerplate cues, number words, casualty cues,
// ...), so that every file has the same simple syntax a user can edit:
//
//	# a comment line
//	[section]
//	one entry per line
//
// Lines before any [section] belong to the section "". Leading and
// trailing space is trimmed and inner runs of white space become one space.
package wordlist

import "strings"

// Sections splits a rule file into its sections' lines, in file order.
func Sections(text string) map[string][]string {
	out := map[string][]string{}
	sec := ""
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			sec = line[1 : len(line)-1]
			continue
		}
		out[sec] = append(out[sec], strings.Join(strings.Fields(line), " "))
	}
	return out
}
