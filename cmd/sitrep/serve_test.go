package main

import (
	"net"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeErrors: sitrep serve refuses bad arguments before serving, and
// a store or address it cannot use is a clear error, exit 1. (The server
// itself is tested in internal/server.)
func TestServeErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	db := filepath.Join(t.TempDir(), "sitrep.db")
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"stray argument", []string{"serve", "--db", db, "extra"}, 2, "usage: sitrep serve"},
		{"unknown flag", []string{"serve", "--port", "80"}, 2, "flag provided but not defined"},
		{"store it cannot open", []string{"serve", "--db", filepath.Join(t.TempDir(), "missing", "dir", "x.db")}, 1, "sitrep serve:"},
		{"address in use", []string{"serve", "--db", db, "--addr", busy.Addr().String()}, 1, "address already in use"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := runCLI(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errs)
			}
		})
	}
}
