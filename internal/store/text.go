package store

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode"
)

// words splits text into lower-case runs of letters and digits. It is the
// one notion of "word" the store uses: for the content hash, the simhash and
// search queries alike.
func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// ContentHash is the hex SHA-256 of text's words, lower-cased and joined by
// single spaces. Two copies of a story that differ only in whitespace, case,
// punctuation or quote style hash the same, which is what recognising a
// re-published wire story needs. Text without words has no hash ("").
func ContentHash(text string) string {
	return contentHash(words(text))
}

func contentHash(ws []string) string {
	if len(ws) == 0 {
		return ""
	}
	h := sha256.New()
	for i, w := range ws {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// simhash is Charikar's 64-bit similarity hash over 3-word shingles: texts
// sharing most shingles get signatures a few bits apart, so near-duplicates
// (a story with a paragraph added) can later be found by Hamming distance.
func simhash(ws []string) int64 {
	if len(ws) == 0 {
		return 0
	}
	const k = 3
	var v [64]int
	add := func(shingle []string) {
		// FNV-1a, inline: hash/fnv would allocate per shingle.
		x := uint64(14695981039346656037)
		for i, w := range shingle {
			if i > 0 {
				x = (x ^ ' ') * 1099511628211
			}
			for j := 0; j < len(w); j++ {
				x = (x ^ uint64(w[j])) * 1099511628211
			}
		}
		// +1 or -1 without a branch: the bits are random, and a branch
		// on each was mispredicted half the time (4 times slower).
		for b := range 64 {
			v[b] += int(x>>b&1)<<1 - 1
		}
	}
	if len(ws) < k {
		add(ws)
	}
	for i := 0; i+k <= len(ws); i++ {
		add(ws[i : i+k])
	}
	var sig uint64
	for b := range 64 {
		if v[b] > 0 {
			sig |= 1 << b
		}
	}
	return int64(sig)
}

// NormalizeURL is the form canonical URLs are stored and looked up in:
// scheme and host lower-cased, default port and fragment dropped, an empty
// path written "/". Query strings are kept: on many news sites they name the
// article. Anything that is not an absolute URL is only trimmed.
func NormalizeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Host)
	if (u.Scheme == "http" && strings.HasSuffix(host, ":80")) || (u.Scheme == "https" && strings.HasSuffix(host, ":443")) {
		host = host[:strings.LastIndexByte(host, ':')]
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u.String()
}

// searchWords is at most maxSearchWords words of a user's query: the query
// is words, never syntax, so nothing a user types can reach the database
// as an operator.
func searchWords(q string) []string {
	const maxSearchWords = 32
	ws := words(q)
	if len(ws) > maxSearchWords {
		ws = ws[:maxSearchWords]
	}
	return ws
}
