package norm

import "testing"

// Spellings that must meet, and ones that must not.
func TestKey(t *testing.T) {
	same := [][2]string{
		{"Mariupolʹ", "Mariupol"},
		{"Kharkiv", "Khar'kiv"},
		{"São Paulo", "Sao Paulo"},
		{"St. Petersburg", "Saint Petersburg"},
		{"Ivano-Frankivsk", "Ivano Frankivsk"},
		{"Deir el-Balah", "Deir al-Balah"},
		{"Ar-Raqqah", "al Raqqah"},
		{"KYIV", "Kyiv"},
		{"Łódź", "Lodz"},
		{"Köln", "koln"},
		{"الرقّة", "الرقة"},
		{"إدلب", "ادلب"},
	}
	for _, p := range same {
		if a, b := Key(p[0]), Key(p[1]); a != b {
			t.Errorf("Key(%q) = %q, Key(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
	differ := [][2]string{{"Georgia", "Georgian"}, {"Nice", "Niece"}, {"Gaza", "Gaza Strip"}}
	for _, p := range differ {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q)", p[0], p[1])
		}
	}
	if k := StripArticle(Key("Al-Raqqa")); k != "raqqa" {
		t.Errorf("StripArticle(al raqqa) = %q", k)
	}
	if k := StripArticle(Key("Raqqa")); k != "" {
		t.Errorf("StripArticle(raqqa) = %q, want none", k)
	}
	if Squash("maarrat") != Squash("maarat") || Squash("myawaddy") != Squash("myawadi") {
		t.Error("Squash does not join doubled letters and y/i")
	}
}
