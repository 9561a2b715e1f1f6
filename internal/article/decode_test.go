package article

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding test text: %v", err)
	}
	return b
}

func page(meta, body string) string {
	return "<!DOCTYPE html><html><head>" + meta + "<title>t</title></head><body><article><p>" + body + "</p></article></body></html>"
}

func TestDecodeCharsets(t *testing.T) {
	ru := "Взрыв у здания администрации унёс жизни трёх человек, сообщили в полиции города."
	de := "Die Polizei teilte mit, dass bei der Explosion in der Straße drei Menschen verletzt wurden."
	pl := "Wybuch w pobliżu dworca; policja zatrzymała dwóch podejrzanych, świadkowie mówią o panice."
	ja := "警察によると、駅前で爆発があり、三人が負傷した。現場は一時騒然となった。"
	zh := "警方表示，火车站附近发生爆炸，造成三人受伤，现场一度陷入混乱。"
	tests := []struct {
		name        string
		data        []byte
		contentType string
		want        string
	}{
		{"utf-8 undeclared", []byte(page("", ru)), "", ru},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, page("", de)...), "", de},
		{"utf-16le with BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), page("", ru)), "", ru},
		{"windows-1251 meta charset", encode(t, charmap.Windows1251, page(`<meta charset="windows-1251">`, ru)), "", ru},
		{"windows-1251 http-equiv", encode(t, charmap.Windows1251, page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`, ru)), "", ru},
		{"windows-1251 from HTTP header", encode(t, charmap.Windows1251, page("", ru)), "text/html; charset=cp1251", ru},
		{"windows-1252 declared latin1", encode(t, charmap.Windows1252, page(`<meta charset="iso-8859-1">`, de)), "", de},
		{"iso-8859-2", encode(t, charmap.ISO8859_2, page(`<meta charset="iso-8859-2">`, pl)), "", pl},
		{"shift_jis declared", encode(t, japanese.ShiftJIS, page(`<meta charset="Shift_JIS">`, ja)), "", ja},
		{"gb18030 declared", encode(t, simplifiedchinese.GB18030, page(`<meta charset="gb18030">`, zh)), "", zh},
		{"gbk label", encode(t, simplifiedchinese.GBK, page(`<meta charset="gb2312">`, zh)), "", zh},
		{"shift_jis undeclared", encode(t, japanese.ShiftJIS, page("", strings.Repeat(ja, 3))), "", ja},
		{"gb18030 undeclared", encode(t, simplifiedchinese.GB18030, page("", strings.Repeat(zh, 3))), "", zh},
		{"windows-1251 undeclared", encode(t, charmap.Windows1251, page("", strings.Repeat(ru+" ", 3))), "", ru},
		{"stale latin1 declaration on utf-8 bytes", []byte(page(`<meta charset="iso-8859-1">`, ru)), "", ru},
		{"meta charset after a long script", []byte(page("<script>"+strings.Repeat("var x = 1;\n", 200)+"</script>", "")), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.data, tt.contentType)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("decoded text does not contain %q:\n%s", tt.want, ellipsis(got, 300))
			}
		})
	}
}

func TestDecodeMetaAfterLongHead(t *testing.T) {
	ru := "Сообщается о трёх погибших."
	head := "<script>" + strings.Repeat("var x = 1;\n", 300) + `</script><meta charset="windows-1251">`
	got, err := Decode(encode(t, charmap.Windows1251, page(head, ru)), "")
	if err != nil || !strings.Contains(got, ru) {
		t.Fatalf("Decode = %q, %v", ellipsis(got, 100), err)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		want    error
		warning bool
	}{
		{"PNG image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary, false},
		{"NUL bytes", []byte("<html>\x00\x00\x00\x01\x02</html>"), ErrBinary, false},
		{"control characters", []byte(strings.Repeat("\x01\x02\x03\x04abc", 100)), ErrBinary, false},
		{"a few invalid UTF-8 bytes", []byte(page("", "Trois morts à la gare \xff dans l'explosion, selon la police de la ville, près du marché.")), ErrEncoding, true},
		{"random high bytes", []byte(strings.Repeat("\x81\xfa\xfe\xff", 1000)), ErrBinary, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.data, "")
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode error = %v, want %v", err, tt.want)
			}
			if got := isWarning(err); got != tt.warning {
				t.Errorf("warning = %v, want %v (%v)", got, tt.warning, err)
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"  \n<html lang=en>", true},
		{"<div class=x><p>Hello</p></div>", true},
		{"MOSCOW: Three people were killed.\n\nThe police said <nothing>.", false},
		{"Headline\n\nBody text about 3 < 4 and 5 > 2.", false},
	}
	for _, tt := range tests {
		if got := LooksLikeHTML(tt.in); got != tt.want {
			t.Errorf("LooksLikeHTML(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestTruncation(t *testing.T) {
	tests := []struct {
		in        string
		truncated bool
	}{
		{"<html><body><p>Complete.</p></body></html>", false},
		{"<p>A fragment without html or body tags is fine.</p>", false},
		{"<html><body><p>Cut off in the mid", true},
		{"<html><body><p>Cut off in a tag</p><a hre", true},
		{"<html><body><p>x</p><script>var a = 1;", true},
		{"<html><body><p>x</p><!-- comment never clo", true},
	}
	for _, tt := range tests {
		if got := truncation(tt.in) != ""; got != tt.truncated {
			t.Errorf("truncation(%q) = %q, want truncated=%v", tt.in, truncation(tt.in), tt.truncated)
		}
	}
}
