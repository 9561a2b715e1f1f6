package extract

// promoteViolentEvent puts first the most salient violent event when the
// text's most salient event is not violent: an article that tells of a
// shooting and of the arrest, the hearing or the statement that followed
// is about the shooting, whichever it opens with.
func promoteViolentEvent(evs []Event, why [][]Reason) {
	if len(evs) < 2 || violent[evs[0].Type] {
		return
	}
	for k := 1; k < len(evs); k++ {
		if violent[evs[k].Type] {
			ev, w := evs[k], why[k]
			copy(evs[1:k+1], evs[:k])
			copy(why[1:k+1], why[:k])
			evs[0], why[0] = ev, w
			return
		}
	}
}
