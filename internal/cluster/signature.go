// Package cluster groups the events sitrep extracts into incidents: the
// same attack told by many outlets, or retold by one outlet as the toll
// grows, becomes one incident with many reports instead of many events.
//
// It works in two layers. Articles that are copies of one another
// (syndicated wire stories, reposts with a different headline) are found
// by a 64-bit SimHash of their text; and events are merged into incidents
// by a Clusterer that looks only at incidents indexed under the same days
// and place, so adding an event costs the same however many incidents are
// already stored.
package cluster

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
)

// NearDuplicateBits is the largest Hamming distance between two SimHash
// signatures that still counts as a copy of the same text. Three bits of
// 64 is the threshold Manku et al. (WWW 2007) found for web-page
// near-duplicates: wire copies with a different byline, dateline or a
// trailing "share this" line stay within it, while two different stories
// on the same subject differ in a third of the bits or more.
const NearDuplicateBits = 3

// shingleWords is the width of the word shingles SimHash is computed
// over: three words keep the order of the text (so two stories that use
// the same vocabulary differently do not collide) while one edited word
// changes only three shingles.
const shingleWords = 3

// Words splits text into lower-cased words of letters and digits, the
// normal form all text comparisons use: punctuation, case and spacing
// differ between copies of one story and mean nothing.
func Words(text string) []string {
	return appendWords(nil, text, -1)
}

// appendWords appends at most max words of text to ws (all when max < 0).
func appendWords(ws []string, text string, max int) []string {
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			ws = append(ws, b.String())
			b.Reset()
		}
	}
	for _, r := range text {
		if max >= 0 && len(ws) >= max {
			return ws
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if r == '\'' || r == '’' {
			continue // "officer's" and "officers" are one word for us
		}
		flush()
	}
	if max < 0 || len(ws) < max {
		flush()
	}
	return ws
}

// SimHash is the 64-bit SimHash (Charikar 2002) of text over its word
// 3-gram shingles: each shingle's 64-bit FNV hash votes +1 or -1 on every
// bit and the signature keeps the sign of each sum. Similar texts get
// signatures a small Hamming distance apart. It is linear in the length
// of the text. Text shorter than one shingle hashes its words as one.
func SimHash(text string) uint64 {
	ws := Words(text)
	if len(ws) == 0 {
		return 0
	}
	var votes [64]int
	n := len(ws) - shingleWords + 1
	if n < 1 {
		n = 1
	}
	h := fnv.New64a()
	for i := range n {
		h.Reset()
		for j := i; j < i+shingleWords && j < len(ws); j++ {
			h.Write([]byte(ws[j]))
			h.Write([]byte{' '})
		}
		x := h.Sum64()
		for b := range 64 {
			if x&(1<<b) != 0 {
				votes[b]++
			} else {
				votes[b]--
			}
		}
	}
	var sig uint64
	for b := range 64 {
		if votes[b] > 0 {
			sig |= 1 << b
		}
	}
	return sig
}

// Hamming is the number of bits two signatures differ in.
func Hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// NearDuplicate reports whether two SimHash signatures are copies of one
// text (see NearDuplicateBits). The zero signature is the empty text and
// is a duplicate of nothing.
func NearDuplicate(a, b uint64) bool {
	return a != 0 && b != 0 && Hamming(a, b) <= NearDuplicateBits
}

// simBands splits a signature into four 16-bit bands. Two signatures at
// most NearDuplicateBits (< 4) apart agree exactly on at least one band,
// so indexing each band finds every near-duplicate by exact lookups.
func simBands(sig uint64) [4]uint16 {
	return [4]uint16{uint16(sig), uint16(sig >> 16), uint16(sig >> 32), uint16(sig >> 48)}
}
