package server

import (
	"bytes"
	"container/list"
	"context"
	"net/http"
	"sync"
	"sync/atomic"

	"sitrep/internal/store"
)

// responseCache keeps the answers of API reads (status 200 only) under the
// store's change version: an analyst's dashboard asks the same list, the
// same country's months and the same type counts over and over while the
// store changes a few times a minute at most. Before every cached read
// the store's version is read (one cheap query shared by all requests
// waiting at that moment, see store.Versioned); if it moved, every entry
// is dropped. So an answer is never served after a write that committed
// before the request arrived, whichever process wrote: the same guarantee
// as reading the store.
//
// Entries are evicted least recently used past maxBytes. Identical reads
// that miss at the same time run once (the others wait for it and copy
// its answer), so a burst of the same request costs one query.
type responseCache struct {
	store    store.Versioned
	maxBytes int

	mu       sync.Mutex
	version  int64
	valid    bool // version was read at least once
	entries  map[string]*list.Element
	lru      list.List // of *cacheEntry, most recent first
	bytes    int
	inflight map[string]*cacheFill

	hits, misses, bypass atomic.Uint64
}

type cacheEntry struct {
	key    string
	header http.Header
	body   []byte
}

// cacheFill is one miss being answered, for the identical ones waiting on it.
type cacheFill struct {
	done  chan struct{}
	entry *cacheEntry // nil if the answer was not cacheable
}

func newResponseCache(v store.Versioned, maxBytes int) *responseCache {
	return &responseCache{store: v, maxBytes: maxBytes, entries: map[string]*list.Element{}, inflight: map[string]*cacheFill{}}
}

// cacheHeader says how a cached route answered: hit, miss or bypass (the
// store gave no version, so the answer was computed and not kept). The
// load tool counts it to report the hit rate.
const cacheHeader = "X-Sitrep-Cache"

// cached wraps a read handler. The key is the path and the query, its
// parameters sorted (url.Values.Encode): the same filter in another order
// is the same answer. Tokens are checked before (readable), so the cache
// never answers someone the handler would refuse.
func (s *Server) cached(h http.HandlerFunc) http.HandlerFunc {
	c := s.cache
	if c == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := c.store.ChangeVersion(r.Context())
		if err != nil {
			c.bypass.Add(1)
			w.Header().Set(cacheHeader, "bypass")
			h(w, r)
			return
		}
		key := r.URL.Path + "?" + r.URL.Query().Encode()
		for {
			e, f, mine := c.lookup(key, v)
			if e != nil {
				c.hits.Add(1)
				e.write(w, "hit")
				return
			}
			if mine {
				c.misses.Add(1)
				c.answer(w, r, h, key, v, f)
				return
			}
			// An identical request is being answered: wait for it. If its
			// answer was not kept (an error, a newer version), try again.
			select {
			case <-f.done:
			case <-r.Context().Done():
				return
			}
			if f.entry != nil {
				c.hits.Add(1)
				f.entry.write(w, "hit")
				return
			}
			if v2, err := c.store.ChangeVersion(r.Context()); err == nil {
				v = v2
			}
		}
	}
}

// lookup returns the entry for key at version v, or the fill to wait on,
// or a new fill that the caller must answer (mine).
func (c *responseCache) lookup(key string, v int64) (e *cacheEntry, f *cacheFill, mine bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || v != c.version {
		// Any other version, lower ones too, drops everything: a version
		// can start again from a lower value (a new SQLite version
		// connection after a broken one, store_changes emptied by hand),
		// and then climb back to a value whose entries are long stale.
		// A slow request that read an older version before a write only
		// costs the entries made since.
		c.entries = map[string]*list.Element{}
		c.lru.Init()
		c.bytes = 0
		c.inflight = map[string]*cacheFill{}
		c.version, c.valid = v, true
	}
	if el := c.entries[key]; el != nil {
		c.lru.MoveToFront(el)
		return el.Value.(*cacheEntry), nil, false
	}
	if f := c.inflight[key]; f != nil {
		return nil, f, false
	}
	f = &cacheFill{done: make(chan struct{})}
	c.inflight[key] = f
	return nil, f, true
}

// answer runs the handler into a buffer, sends it, and keeps it if it is
// a 200 and the version is still the one it was computed under.
func (c *responseCache) answer(w http.ResponseWriter, r *http.Request, h http.HandlerFunc, key string, v int64, f *cacheFill) {
	rec := &recorder{header: http.Header{}}
	defer func() {
		c.mu.Lock()
		if c.inflight[key] == f {
			delete(c.inflight, key)
		}
		c.mu.Unlock()
		close(f.done)
	}()
	h(rec, r)
	code := rec.code
	if code == 0 {
		code = http.StatusOK
	}
	e := &cacheEntry{key: key, header: rec.header, body: rec.body.Bytes()}
	for k, vs := range rec.header {
		w.Header()[k] = vs
	}
	w.Header().Set(cacheHeader, "miss")
	w.WriteHeader(code)
	w.Write(e.body)
	if code != http.StatusOK || r.Context().Err() != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || c.version != v || c.inflight[key] != f {
		return
	}
	size := len(key) + len(e.body) + 256
	if size > c.maxBytes/8 {
		return // one answer may not push out most of the others
	}
	c.entries[key] = c.lru.PushFront(e)
	c.bytes += size
	for c.bytes > c.maxBytes {
		old := c.lru.Remove(c.lru.Back()).(*cacheEntry)
		delete(c.entries, old.key)
		c.bytes -= len(old.key) + len(old.body) + 256
	}
	f.entry = e
}

func (e *cacheEntry) write(w http.ResponseWriter, how string) {
	h := w.Header()
	for k, vs := range e.header {
		h[k] = vs
	}
	h.Set(cacheHeader, how)
	w.WriteHeader(http.StatusOK)
	w.Write(e.body)
}

// recorder is a ResponseWriter into memory.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}
func (r *recorder) Write(p []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.body.Write(p)
}

// versionedStore is Config.Store's change signal, if it has one.
func versionedStore(st Store) (store.Versioned, bool) {
	v, ok := st.(store.Versioned)
	return v, ok
}

// admitted runs h once one of Config.MaxReads slots is free, in arrival
// order. A list answer takes up to five queries (counts that choose the
// plan, the page, its sources); without admission 50 requests at once
// interleave them in the pool's queue, so each query of a request waits
// behind the other 49 requests' queries and a five-query request waits
// five times. Admitted whole, a request waits once and then runs its
// queries back to back. A request that waits past its read deadline
// answers 503 like a slow query.
func (s *Server) admitted(api bool, h http.HandlerFunc) http.HandlerFunc {
	if s.reads == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.reads <- struct{}{}:
		case <-r.Context().Done():
			if r.Context().Err() == context.DeadlineExceeded {
				s.busy(w, r, api)
			}
			return
		}
		defer func() { <-s.reads }()
		h(w, r)
	}
}
