package eval

import "testing"

// TestEach checks that every index is visited exactly once and that the
// progress count runs from 1 to n without gaps.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]int, n)
		var counts []int
		Each(n, func(i int) { seen[i]++ }, func(k int) { counts = append(counts, k) })
		for i, c := range seen {
			if c != 1 {
				t.Errorf("n=%d: index %d visited %d times", n, i, c)
			}
		}
		if len(counts) != n {
			t.Fatalf("n=%d: %d progress calls", n, len(counts))
		}
		for k, c := range counts {
			if c != k+1 {
				t.Errorf("n=%d: progress call %d said %d", n, k, c)
			}
		}
	}
}
