package nlp

import (
	"runtime"
	"syscall"
)

// threadCPU returns the CPU time the calling OS thread has used, in
// nanoseconds. Benchmarks lock their goroutine to a thread and report it
// as cpu-ns/op beside the wall-clock ns/op: on a shared machine the wall
// clock also counts time spent waiting for a CPU, the thread's CPU time
// does not.
func threadCPU() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}

func lockThread()   { runtime.LockOSThread() }
func unlockThread() { runtime.UnlockOSThread() }
