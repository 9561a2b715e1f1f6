package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Validators are what a server said about a response that lets the next
// request be conditional: sent back as If-None-Match and If-Modified-Since,
// they let an unchanged feed answer 304 with no body.
type Validators struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Seen         time.Time `json:"seen"`
}

// Cache keeps Validators by URL. It holds no bodies: a 304 tells the caller
// that what it made of the last response still stands.
type Cache interface {
	Validators(url string) (Validators, bool)
	SetValidators(url string, v Validators)
}

// MemoryCache is a Cache of at most Max URLs (the least recently seen are
// dropped first) that can be saved to and loaded from a JSON file, so that
// a watcher restarted tomorrow still asks conditionally.
type MemoryCache struct {
	Max int // 0 means 10000

	mu sync.Mutex
	m  map[string]Validators
}

// Validators implements Cache.
func (c *MemoryCache) Validators(url string) (Validators, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[url]
	return v, ok
}

// SetValidators implements Cache.
func (c *MemoryCache) SetValidators(url string, v Validators) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]Validators{}
	}
	if v.ETag == "" && v.LastModified == "" {
		delete(c.m, url)
		return
	}
	c.m[url] = v
	max := c.Max
	if max <= 0 {
		max = 10000
	}
	for len(c.m) > max {
		var oldest string
		var when time.Time
		for u, v := range c.m {
			if oldest == "" || v.Seen.Before(when) {
				oldest, when = u, v.Seen
			}
		}
		delete(c.m, oldest)
	}
}

// Load reads a cache saved by Save; a missing file is an empty cache.
func (c *MemoryCache) Load(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := c.UnmarshalJSON(data); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Save writes the cache to path atomically (a temporary file renamed over
// it), so a crash mid-write leaves the previous cache intact.
func (c *MemoryCache) Save(path string) error {
	data, err := c.MarshalJSON()
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, data)
}

// WriteFileAtomic writes data to a temporary file beside path and renames
// it over path, so a reader never sees half a file.
func WriteFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		return errors.Join(werr, cerr)
	}
	return os.Rename(f.Name(), path)
}

// MarshalJSON writes the cache as an object keyed by URL, so that it can
// be a field of a larger state file.
func (c *MemoryCache) MarshalJSON() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		return []byte("{}"), nil
	}
	return json.Marshal(c.m)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (c *MemoryCache) UnmarshalJSON(data []byte) error {
	m := map[string]Validators{}
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	c.mu.Lock()
	c.m = m
	c.mu.Unlock()
	return nil
}
