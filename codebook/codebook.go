// Package codebook holds sitrep's event-typing vocabulary as data files that
// coders can read and extend, the way PETRARCH's dictionaries and ACLED's
// codebook are kept apart from the programs that use them. The files are
// embedded so the binary needs nothing at run time; internal/extract parses
// them and merges any extra files a user passes.
package codebook

import _ "embed"

// Events is events.yaml: trigger phrases for ACLED's sub-event types and for
// the non-political-violence categories, non-violent word senses, and the
// precedence rules between types.
//
//go:embed events.yaml
var Events []byte

// Certainty is certainty.yaml: hedging cues (claimed, alleged, suspected,
// denied, hypothetical) and the patterns of claims, blame and denials.
//
//go:embed certainty.yaml
var Certainty []byte

// ActorStates is actors_states.yaml: the government, military, police and
// civilians of every UN member state, generated from the gazetteer's
// country list by internal/resolve/actors_gen.go.
//
//go:embed actors_states.yaml
var ActorStates []byte

// Actors is actors.yaml: armed groups, parties, international
// organisations, and extra names for the states, merged over ActorStates
// by internal/resolve.
//
//go:embed actors.yaml
var Actors []byte
