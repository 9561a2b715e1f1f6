package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalCase2021 runs the command on the dev part of case2021 when it is
// beside the repo, and guards the subtask-1 weighted F1 the README reports.
func TestEvalCase2021(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "case2021")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("case2021 not beside the repo:", err)
	}
	var out, errb bytes.Buffer
	e := env{stdout: &out, stderr: &errb}
	if code := e.cmdEvalCase2021([]string{"--data", dir, "--json"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), `"Subtask":3`) {
		t.Fatalf("no subtask 3 in %s", out.String())
	}
	out.Reset()
	if code := e.cmdEvalCase2021([]string{"--data", dir, "--subtask", "1", "--worst", "3"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var micro, macro, weighted float64
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.Contains(line, "subtask 1 (") {
			rest := line[strings.Index(line, "): ")+3:]
			if _, err := fmt.Sscanf(rest, "micro F1 %f  macro F1 %f  weighted F1 %f", &micro, &macro, &weighted); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
		}
	}
	if weighted < 0.74 {
		t.Errorf("subtask 1 weighted F1 %.3f fell below 0.74\n%s", weighted, out.String())
	}
}

func TestEvalCase2021Usage(t *testing.T) {
	var out, errb bytes.Buffer
	e := env{stdout: &out, stderr: &errb}
	if code := e.cmdEvalCase2021(nil); code != 2 {
		t.Errorf("no --data: exit %d, want 2", code)
	}
	if code := e.cmdEvalCase2021([]string{"--data", t.TempDir()}); code != 1 {
		t.Errorf("empty folder: exit %d, want 1", code)
	}
}
