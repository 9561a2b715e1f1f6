package main

import (
	"context"
	"testing"
)

// TestIngesterNext checks when the writer puts a batch before it is full:
// only once it holds enough pages and the next page is not coded yet.
func TestIngesterNext(t *testing.T) {
	const batch = 200 // a tenth is 20: the early threshold
	for _, tc := range []struct {
		name      string
		have      int  // pages already in the batch
		slot      bool // the next page's slot is queued
		coded     bool // and its page coded
		closed    bool // no more slots will come
		wantPage  bool
		wantEarly bool
		wantOK    bool
	}{
		{name: "coded page, empty batch", slot: true, coded: true, wantPage: true, wantOK: true},
		{name: "coded page, batch past the threshold", have: 30, slot: true, coded: true, wantPage: true, wantOK: true},
		{name: "page not coded, batch past the threshold", have: 20, slot: true, wantEarly: true, wantOK: true},
		{name: "no slot yet, batch past the threshold", have: 25, wantEarly: true, wantOK: true},
		{name: "no more pages", have: 25, closed: true, wantOK: false},
		{name: "no more pages, empty batch", closed: true, wantOK: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &ingester{batch: batch}
			slots := make(chan chan coded, 1)
			if tc.slot {
				s := make(chan coded, 1)
				if tc.coded {
					s <- coded{name: "page"}
				}
				slots <- s
			}
			if tc.closed {
				close(slots)
			}
			var head chan coded
			c, ok := in.next(context.Background(), slots, &head, tc.have)
			if ok != tc.wantOK || c.early != tc.wantEarly || (c.name == "page") != tc.wantPage {
				t.Fatalf("next = %+v, %v; want page %v, early %v, ok %v", c, ok, tc.wantPage, tc.wantEarly, tc.wantOK)
			}
			if tc.wantEarly && tc.slot && head == nil {
				t.Error("the slot taken was dropped: its page would be lost")
			}
		})
	}
}

// TestIngesterNextWaitsBelowThreshold checks that a small batch waits for
// the next page rather than being put early.
func TestIngesterNextWaitsBelowThreshold(t *testing.T) {
	in := &ingester{batch: 200}
	slots := make(chan chan coded, 1)
	s := make(chan coded, 1)
	slots <- s
	go func() { s <- coded{name: "late"} }()
	var head chan coded
	c, ok := in.next(context.Background(), slots, &head, 19)
	if !ok || c.early || c.name != "late" {
		t.Fatalf("next = %+v, %v; want the late page", c, ok)
	}
}
