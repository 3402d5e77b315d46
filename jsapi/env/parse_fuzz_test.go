package env

import (
	"bufio"
	"strings"
	"testing"
)

// quote writes v as a double-quoted dotenv value, the way a tool that generates env files
// would: backslash, double quote and line feed escaped.
func quote(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v) + `"`
}

// FuzzParse feeds Parse any bytes (it must not panic, and every key it returns must be usable),
// and checks that a value written by quote comes back unchanged. Its seeds run with go test;
// go test ./jsapi/env -run '^$' -fuzz FuzzParse -fuzztime 20s searches further.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"", "A=1", "export A=1", "# comment\nA=1 # trailing", `A="x\ny"`, `A='single # kept'`,
		`A="\\n is a backslash and n"`, "A=\"unterminated", "=novalue", "A", "A=\"\"", "A='",
		"A=\xff\xfe", "\r\nA=1\r\n", "A = spaced = value ", `A="ends with \"`, "A=\"a\rb\"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		vars, err := Parse(strings.NewReader(data))
		if err == nil {
			for k := range vars {
				if k == "" || strings.Contains(k, "=") || strings.TrimSpace(k) != k {
					t.Errorf("Parse(%q) returned the key %q", data, k)
				}
			}
		}
		// The round trip holds for a value that fits a line as bufio reads one.
		if len(data) > bufio.MaxScanTokenSize/2 {
			return
		}
		got, err := Parse(strings.NewReader("K=" + quote(data) + "\n"))
		if err != nil {
			t.Fatalf("Parse of the quoted value %q: %v", data, err)
		}
		if got["K"] != data {
			t.Errorf("round trip of %q gave %q", data, got["K"])
		}
	})
}
