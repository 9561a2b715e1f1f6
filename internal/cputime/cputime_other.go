//go:build !linux

package cputime

import "time"

// Thread returns false: only Linux reports a thread's CPU time here.
func Thread() (time.Duration, bool) { return 0, false }
