package cputime

import (
	"runtime"
	"testing"
	"time"
)

// TestThreadAdvances checks that work on the locked thread shows up in its
// CPU time and that the clock never runs backwards.
func TestThreadAdvances(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c0, ok := Thread()
	if !ok {
		t.Skip("no thread CPU clock on this system")
	}
	x := 0
	deadline := time.Now().Add(10 * time.Second)
	for c1 := c0; c1-c0 < 20*time.Millisecond; {
		if time.Now().After(deadline) {
			t.Fatalf("10 s of busy work advanced the thread's clock by %v only", c1-c0)
		}
		for i := range 1_000_000 {
			x ^= i * i
		}
		var ok bool
		if c1, ok = Thread(); !ok || c1 < c0 {
			t.Fatalf("clock went from %v to %v (ok %v)", c0, c1, ok)
		}
	}
	_ = x
}
