package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestRecords checks the JSON Lines reader on well-formed and broken
// batches: every good line is yielded in order, a bad line gives one
// error naming the file and line, and reading goes on after it.
func TestRecords(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		ids    []string
		errors []string
	}{
		{"two records", `{"id":"a","text":"x"}` + "\n" + `{"id":"b","text":"y"}` + "\n", []string{"a", "b"}, nil},
		{"blank lines skipped", "\n  \n" + `{"id":"a"}` + "\n\n", []string{"a"}, nil},
		{"no final newline", `{"id":"a"}`, []string{"a"}, nil},
		{"bad line in the middle", `{"id":"a"}` + "\n{oops\n" + `{"id":"c"}`, []string{"a", "c"}, []string{"batch.jsonl:2:"}},
		{"wrong field type", `{"id":7}` + "\n" + `{"id":"b"}`, []string{"b"}, []string{"batch.jsonl:1:"}},
		{"not JSON at all", "\x00\x01binary\n", nil, []string{"batch.jsonl:1:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids, errs []string
			for rec, err := range records("-", strings.NewReader(tt.input)) {
				if err != nil {
					errs = append(errs, strings.Replace(err.Error(), "-:", "batch.jsonl:", 1))
					continue
				}
				ids = append(ids, rec.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("ids = %q, want %q", ids, tt.ids)
			}
			if len(errs) != len(tt.errors) {
				t.Fatalf("errors = %q, want %d starting %q", errs, len(tt.errors), tt.errors)
			}
			for i, prefix := range tt.errors {
				if !strings.HasPrefix(errs[i], prefix) {
					t.Errorf("error %d = %q, want it to start %q", i, errs[i], prefix)
				}
			}
		})
	}
}

// FuzzRecords feeds arbitrary bytes to the JSON Lines reader: it must
// never panic, every error must name the input, and every record it
// yields must be one a JSON encoder would accept again.
func FuzzRecords(f *testing.F) {
	f.Add([]byte(`{"id":"a","title":"T","text":"Gunmen attacked a market.","published":"2024-03-22","url":"https://example.org/a"}` + "\n"))
	f.Add([]byte("{oops\n{\"id\":\"b\"}\n"))
	f.Add([]byte("\xff\xfe{\"id\":\"\\u0000\"}\n"))
	f.Add([]byte(`{"published":"2024-02-30T25:61:00Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for rec, err := range records("-", bytes.NewReader(data)) {
			if err != nil {
				if !strings.HasPrefix(err.Error(), "-") {
					t.Fatalf("error does not name the input: %v", err)
				}
				continue
			}
			if _, err := json.Marshal(rec); err != nil {
				t.Fatalf("record cannot be encoded again: %v", err)
			}
			_ = rec.publishedTime()
			_ = rec.article("-")
		}
	})
}
