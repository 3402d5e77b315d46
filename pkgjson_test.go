package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAddScript checks that the script goes in with the file's own layout and nothing else
// changes.
func TestAddScript(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"two spaces, scripts with members",
			"{\n  \"name\": \"app\",\n  \"scripts\": {\n    \"test\": \"jest\",\n    \"build\": \"vite build\"\n  },\n  \"private\": true\n}\n",
			"{\n  \"name\": \"app\",\n  \"scripts\": {\n    \"test\": \"jest\",\n    \"build\": \"vite build\",\n    \"test:ws\": \"wsrun\"\n  },\n  \"private\": true\n}\n"},
		{"one script",
			"{\n    \"scripts\": {\"dev\": \"vite\"}\n}",
			"{\n    \"scripts\": {\"dev\": \"vite\", \"test:ws\": \"wsrun\"}\n}"},
		{"tabs, no scripts",
			"{\n\t\"name\": \"app\",\n\t\"dependencies\": {\n\t\t\"ws\": \"^8.0.0\"\n\t}\n}\n",
			"{\n\t\"name\": \"app\",\n\t\"dependencies\": {\n\t\t\"ws\": \"^8.0.0\"\n\t},\n\t\"scripts\": {\n\t\t\"test:ws\": \"wsrun\"\n\t}\n}\n"},
		{"empty scripts",
			"{\n  \"name\": \"app\",\n  \"scripts\": {}\n}\n",
			"{\n  \"name\": \"app\",\n  \"scripts\": {\n    \"test:ws\": \"wsrun\"\n  }\n}\n"},
		{"CRLF",
			"{\r\n  \"name\": \"app\"\r\n}\r\n",
			"{\r\n  \"name\": \"app\",\r\n  \"scripts\": {\r\n    \"test:ws\": \"wsrun\"\r\n  }\r\n}\r\n"},
		{"one line",
			`{"name":"app","scripts":{"a":"b"}}`,
			`{"name":"app","scripts":{"a":"b","test:ws":"wsrun"}}`},
		{"one line, no scripts",
			`{"name": "app"}`,
			`{"name": "app", "scripts": {"test:ws": "wsrun"}}`},
		{"empty object",
			"{}\n",
			"{\n  \"scripts\": {\n    \"test:ws\": \"wsrun\"\n  }\n}\n"},
		{"byte order mark, escaped key",
			"\uFEFF{\n  \"na\\u006de\": \"app\"\n}",
			"\uFEFF{\n  \"na\\u006de\": \"app\",\n  \"scripts\": {\n    \"test:ws\": \"wsrun\"\n  }\n}"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, existing, err := addScript([]byte(c.in), "test:ws", "wsrun")
			if err != nil || existing != nil {
				t.Fatalf("err %v, existing %v", err, existing)
			}
			if string(out) != c.want {
				t.Errorf("got\n%s\nwant\n%s", out, c.want)
			}
			var doc struct{ Scripts map[string]string }
			if err := json.Unmarshal([]byte(strings.TrimPrefix(string(out), "\uFEFF")), &doc); err != nil || doc.Scripts["test:ws"] != "wsrun" {
				t.Errorf("the result does not parse to the script (%v): %s", err, out)
			}
		})
	}
}

func TestAddScriptKeepsAnExistingOne(t *testing.T) {
	in := `{"scripts": {"test:ws": "wsrun tests/ -r junit=out.xml"}}`
	out, existing, err := addScript([]byte(in), "test:ws", "wsrun")
	if err != nil || existing == nil || *existing != "wsrun tests/ -r junit=out.xml" || string(out) != in {
		t.Errorf("out %s, existing %v, err %v", out, existing, err)
	}
}

func TestAddScriptRefusesWhatItCannotEdit(t *testing.T) {
	for in, want := range map[string]string{
		"{\n  \"name\": \"app\",\n  \"scripts\": {,}\n}": "is not valid JSON at line 3, column 15",
		"{\n  \"name\": \"app\"\n":                       "ends too early",
		"[1, 2]":                                         "holds a JSON array, not an object",
		"null":                                           "is not a JSON object",
		`{"scripts": ["a"]}`:                             `has a "scripts" that is a JSON array, not an object`,
		`{"scripts": null}`:                              `has a "scripts" that is not an object`,
		"":                                               "ends too early",
	} {
		_, _, err := addScript([]byte(in), "test:ws", "wsrun")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}
