package eval

import (
	"runtime"
	"sync"
)

// Each calls f(i) for every i in [0, n) on GOMAXPROCS goroutines and
// returns when all calls have returned. Items are handed out one at a time,
// so a slow article does not hold up a whole share. When done is not nil
// it is called after each item with the number finished so far, one call
// at a time (for a progress line). f must write only to its own index of
// whatever it fills.
func Each(n int, f func(i int), done func(finished int)) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	finished := 0
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				f(i)
				if done != nil {
					mu.Lock()
					finished++
					done(finished)
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
