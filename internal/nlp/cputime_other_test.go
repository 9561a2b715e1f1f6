//go:build !linux

package nlp

func threadCPU() (int64, bool) { return 0, false }
func lockThread()              {}
func unlockThread()            {}
