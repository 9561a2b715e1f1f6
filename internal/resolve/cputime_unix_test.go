//go:build unix

package resolve

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used: unlike wall time it does
// not grow when other work shares the machine, so budgets hold in CI.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
