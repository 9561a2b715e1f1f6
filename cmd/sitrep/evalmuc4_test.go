package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestEvalArguments runs `sitrep eval muc4` and `sitrep eval wikievents`
// on their dev parts when they are beside the repo, and guards the scores
// docs/EVALUATION.md reports against falling.
func TestEvalArguments(t *testing.T) {
	tests := []struct {
		set   string
		run   func(env, []string) int
		score func(map[string]any) float64
		floor float64
	}{
		{"muc4", env.cmdEvalMUC4, func(m map[string]any) float64 { return m["micro_avg"].(map[string]any)["f1"].(float64) }, 0.37},
		{"wikievents", env.cmdEvalWikiEvents, func(m map[string]any) float64 { return m["class"].(map[string]any)["f1"].(float64) }, 0.20},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			dir := filepath.Join("..", "..", "..", "shared", "eval", tt.set)
			if _, err := os.Stat(dir); err != nil {
				t.Skip(tt.set, " not beside the repo: ", err)
			}
			var out, errb bytes.Buffer
			e := env{stdout: &out, stderr: &errb}
			if code := tt.run(e, []string{"--data", dir, "--json"}); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var m map[string]any
			if err := json.Unmarshal(out.Bytes(), &m); err != nil {
				t.Fatalf("%v: %s", err, out.String())
			}
			if f := tt.score(m); f < tt.floor {
				t.Errorf("F1 %.3f fell below %.2f", f, tt.floor)
			}
		})
	}
}

func TestEvalArgumentsUsage(t *testing.T) {
	for name, run := range map[string]func(env, []string) int{"muc4": env.cmdEvalMUC4, "wikievents": env.cmdEvalWikiEvents} {
		var out, errb bytes.Buffer
		e := env{stdout: &out, stderr: &errb}
		if code := run(e, nil); code != 2 {
			t.Errorf("%s without --data: exit %d, want 2", name, code)
		}
		if code := run(e, []string{"--data", t.TempDir()}); code != 1 {
			t.Errorf("%s on an empty folder: exit %d, want 1", name, code)
		}
	}
	var out, errb bytes.Buffer
	if code := (env{stdout: &out, stderr: &errb}).cmdEvalMUC4([]string{"--data", t.TempDir(), "--split", "test"}); code != 1 {
		t.Errorf("muc4 --split test: exit %d, want 1 (the test split is held out)", code)
	}
}
