package store

import (
	"sync"
	"sync/atomic"
)

// vocab numbers the tokens merging has seen, so that weighing the tokens
// of an event's candidates — thousands an article, most of them seen by
// the article before — indexes arrays instead of hashing words (that
// hashing was a fifth of the writer's time in a profile of the gva
// ingest). It also keeps the document frequencies read from token_df.
// Counts move slowly — a token's weight is log(N/df) — so a count read a
// while ago, plus what this process has written since, is as good a
// weight as the table's; another process's recent writes are missed
// until the counts are forgotten (when the vocabulary is replaced for
// being full, or when a transaction fails and the process's own writes
// may not have happened).
//
// Token 0 is "", under which token_df keeps the number of articles; its
// count is read once a transaction, never kept here.
type vocab struct {
	mu   sync.Mutex
	ids  map[string]int32
	strs []string
	df   []int32 // by token: the count as read, plus this process's commits; -1 unknown
}

func newVocab() *vocab {
	v := &vocab{ids: map[string]int32{}}
	v.internLocked("")
	return v
}

func (v *vocab) internLocked(t string) int32 {
	id, ok := v.ids[t]
	if !ok {
		id = int32(len(v.strs))
		v.ids[t] = id
		v.strs = append(v.strs, t)
		v.df = append(v.df, -1)
	}
	return id
}

// intern numbers tokens, one for one.
func (v *vocab) intern(tokens []string) []int32 {
	ids := make([]int32, len(tokens))
	v.mu.Lock()
	for i, t := range tokens {
		ids[i] = v.internLocked(t)
	}
	v.mu.Unlock()
	return ids
}

// lookup is the number of t, if it has one.
func (v *vocab) lookup(t string) (int32, bool) {
	v.mu.Lock()
	id, ok := v.ids[t]
	v.mu.Unlock()
	return id, ok
}

// size is how many tokens are numbered.
func (v *vocab) size() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.strs)
}

// forgetCounts drops the document frequencies kept.
func (v *vocab) forgetCounts() {
	v.mu.Lock()
	for i := range v.df {
		v.df[i] = -1
	}
	v.mu.Unlock()
}

// addCounts applies a committed transaction's changes to the counts kept.
func (v *vocab) addCounts(delta []tokenDelta) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, d := range delta {
		if int(d.id) < len(v.df) && v.df[d.id] >= 0 {
			v.df[d.id] += int32(d.n)
		}
	}
}

// tokenDelta is a change to one token's document frequency.
type tokenDelta struct {
	id int32
	n  int
}

// vocabHolder is the store's current vocabulary. A full one (maxCached
// tokens) is replaced by an empty one when a transaction starts; a
// transaction keeps the one it started with, and the token cache notices
// numbers of another vocabulary and numbers those tokens again.
type vocabHolder struct {
	p atomic.Pointer[vocab]
}

func (h *vocabHolder) current() *vocab {
	for {
		v := h.p.Load()
		if v != nil && v.size() <= maxCached {
			return v
		}
		if h.p.CompareAndSwap(v, newVocab()) {
			continue
		}
	}
}
