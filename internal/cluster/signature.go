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
	"math/bits"
	"strings"
	"unicode"
)

// NearDuplicateBits is the largest Hamming distance between two SimHash
// signatures that still counts as a copy of the same text. Manku et al.
// (WWW 2007) use 3 of 64 bits for whole web pages; news copies are
// shorter (a few hundred words, so one changed dateline, byline or
// "share this" line moves more bits), and on the gva set same-story copies
// lie up to 12 bits apart while different stories published the same
// days start at 13. Six bits keeps half that margin.
const NearDuplicateBits = 6

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
	for i := range n {
		// FNV-1a (hash/fnv's New64a) of the shingle's words, each
		// followed by a space, inline: through hash.Hash each word was
		// copied to a byte slice.
		x := uint64(fnvOffset)
		for j := i; j < i+shingleWords && j < len(ws); j++ {
			w := ws[j]
			for k := 0; k < len(w); k++ {
				x = (x ^ uint64(w[k])) * fnvPrime
			}
			x = (x ^ ' ') * fnvPrime
		}
		// +1 or -1 without a branch: the bits are random, and a branch
		// on each was mispredicted half the time (4 times slower).
		for b := range 64 {
			votes[b] += int(x>>b&1)<<1 - 1
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

// FNV-1a's 64-bit parameters (as hash/fnv).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Hamming is the number of bits two signatures differ in.
func Hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// NearDuplicate reports whether two SimHash signatures are copies of one
// text (see NearDuplicateBits). The zero signature is the empty text and
// is a duplicate of nothing.
func NearDuplicate(a, b uint64) bool {
	return a != 0 && b != 0 && Hamming(a, b) <= NearDuplicateBits
}

// simBands splits a signature into NearDuplicateBits+1 bands (of 9 or 10
// bits). Two signatures at most NearDuplicateBits apart differ in at most
// that many bands, so they agree exactly on at least one (the pigeonhole
// principle): indexing each band finds every near-duplicate by exact
// lookups.
func simBands(sig uint64) []uint16 {
	const n = NearDuplicateBits + 1
	bands := make([]uint16, 0, n)
	for i := range n {
		lo, hi := 64*i/n, 64*(i+1)/n
		bands = append(bands, uint16((sig>>lo)&(1<<(hi-lo)-1)))
	}
	return bands
}
