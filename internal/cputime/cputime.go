// Package cputime reads the CPU time the calling OS thread has used.
//
// Tests that check an algorithm stays linear compare the cost of a small
// and a large input. On a shared machine the wall clock also counts the
// time a thread waits for a CPU, so such a test fails whenever the machine
// is busy; the thread's own CPU time does not grow with the load. Callers
// lock their goroutine to its thread (runtime.LockOSThread) around the
// measured work.
package cputime
