package wordlist

import (
	"reflect"
	"testing"
)

func TestSections(t *testing.T) {
	in := "# header comment\nloose entry\n\n[killed]\n  shot   dead \n# inner comment\ndied\n[empty]\n[wounded]\nhurt\r\n"
	want := map[string][]string{
		"":        {"loose entry"},
		"killed":  {"shot dead", "died"},
		"wounded": {"hurt"},
	}
	if got := Sections(in); !reflect.DeepEqual(got, want) {
		t.Errorf("Sections = %q, want %q", got, want)
	}
}
