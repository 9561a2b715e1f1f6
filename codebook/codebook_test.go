package codebook

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// The embedded files must be valid YAML with the sections internal/extract
// reads; extract's tests check what the phrases mean.
func TestFilesParse(t *testing.T) {
	for name, data := range map[string][]byte{"events.yaml": Events, "certainty.yaml": Certainty} {
		var m map[string]any
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := []string{"subtypes", "categories", "senses", "cues", "rules", "negation", "sets"}
		if name == "certainty.yaml" {
			want = []string{"levels", "precedence", "claims", "np_stop"}
		}
		for _, k := range want {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: no %q section", name, k)
			}
		}
	}
}
