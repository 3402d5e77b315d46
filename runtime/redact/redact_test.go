package redact

import (
	"fmt"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	r, err := New([]string{"x-custom"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, in, want string }{
		{"query", `connect ws://h:1/x?token=abc&b=1: refused`, `connect ws://h:1/x?token=[REDACTED]&b=1: refused`},
		{"query last", `ws://h/x?a=1&ACCESS_TOKEN=abc#f`, `ws://h/x?a=1&ACCESS_TOKEN=[REDACTED]#f`},
		{"query in JSON string", `{"url":"ws://h/?sig=abc"}`, `{"url":"ws://h/?sig=[REDACTED]"}`},
		{"query in prose", `connect ws://h/?token=a:b,c.d;e: refused (ws://h/?sig=x).`, `connect ws://h/?token=[REDACTED]: refused (ws://h/?sig=[REDACTED]).`},
		{"cookie no blank", `session=abc;theme=dark`, `session=[REDACTED]`},
		{"jwt", `?jwt=aaa.bbb.ccc&x=1`, `?jwt=[REDACTED]&x=1`},
		{"scheme after =", `authorization=Bearer abc.def next`, `authorization=[REDACTED] next`},
		{"docs: jest string", `"{\"jwt\":\"e30.x\"}"`, `"{\"jwt\":\"[REDACTED]\"}"`},
		{"docs: object value", `{"auth":{"user":"a","pin":1}}`, `{"auth":"[REDACTED]"}`},
		{"docs: console", `{ apiKey: 'k-123' }`, `{ apiKey: '[REDACTED]' }`},
		{"docs: header", `Authorization: Bearer e30.x`, `Authorization: [REDACTED]`},
		{"docs: user info", `wss://bob:hunter2@h/`, `wss://bob:[REDACTED]@h/`},
		{"form", `password=hunter2&user=bob`, `password=[REDACTED]&user=bob`},
		{"user info", `wss://alice:hunter2@h/x`, `wss://alice:[REDACTED]@h/x`},
		{"no user info", `ws://h:8080/x`, `ws://h:8080/x`},
		{"host named like a secret", `connect ws://auth:4000/x?token=a: refused`, `connect ws://auth:4000/x?token=[REDACTED]: refused`},
		{"json", `{"user":"a","password":"hunter2"}`, `{"user":"a","password":"[REDACTED]"}`},
		{"json spaced", `{ "Password" : "hunter2" , "n": 1 }`, `{ "Password" : "[REDACTED]" , "n": 1 }`},
		{"json escaped quote", `{"password":"a\"b\\","x":"y"}`, `{"password":"[REDACTED]","x":"y"}`},
		{"json number", `{"pin":1,"secret":12345,"x":2}`, `{"pin":1,"secret":"[REDACTED]","x":2}`},
		{"json bool", `{"auth":true}`, `{"auth":"[REDACTED]"}`},
		{"json null kept", `{"auth":null,"x":1}`, `{"auth":null,"x":1}`},
		{"json empty kept", `{"token":""}`, `{"token":""}`},
		{"json object", `{"auth":{"user":"a","p":"b}"},"x":[1]}`, `{"auth":"[REDACTED]","x":[1]}`},
		{"json array", `{"jwt":["a",{"b":"]"}],"x":1}`, `{"jwt":"[REDACTED]","x":1}`},
		{"json nested", `[{"a":{"b":[{"session":"s"}]}}]`, `[{"a":{"b":[{"session":"[REDACTED]"}]}}]`},
		{"camel case", `{"accessToken":"abc","apiKey":"k"}`, `{"accessToken":"[REDACTED]","apiKey":"[REDACTED]"}`},
		{"not a longer name", `{"tokens":"a","my_token":"b","token_type":"c"}`, `{"tokens":"a","my_token":"b","token_type":"c"}`},
		{"name as a value", `{"type":"token","value":"v"}`, `{"type":"token","value":"v"}`},
		{"escaped json", `Received: "{\"password\":\"hunter2\",\"x\":1}"`, `Received: "{\"password\":\"[REDACTED]\",\"x\":1}"`},
		{"escaped json object", `"{\"auth\":{\"u\":\"a\"},\"x\":1}"`, `"{\"auth\":\"[REDACTED]\",\"x\":1}"`},
		{"twice escaped", `"\"{\\\"token\\\":\\\"abc\\\"}\""`, `"\"{\\\"token\\\":\\\"[REDACTED]\\\"}\""`},
		{"console", `{ user: 'a', password: 'hun\'ter2', n: 1 }`, `{ user: 'a', password: '[REDACTED]', n: 1 }`},
		{"console quoted key", `{ 'x-custom': 'v', b: 2 }`, `{ 'x-custom': '[REDACTED]', b: 2 }`},
		{"console number", `{ secret: 42, b: 2 }`, `{ secret: [REDACTED], b: 2 }`},
		{"console object", `{ auth: { user: 'a' }, b: 2 }`, `{ auth: [REDACTED], b: 2 }`},
		{"console map", `Map(1) { 'token' => 'abc' }`, `Map(1) { 'token' => '[REDACTED]' }`},
		{"jest object", `"auth": Object {"a": 1}, "b": 2`, `"auth": "[REDACTED]", "b": 2`},
		{"header", "status 401\nAuthorization: Bearer abc.def\nx: y", "status 401\nAuthorization: [REDACTED]\nx: y"},
		{"cookie header", "cookie: sid=abc; theme=dark", "cookie: [REDACTED]"},
		{"cookie pairs", `session=abc; theme=dark`, `session=[REDACTED]; theme=dark`},
		{"custom name", `{"X_Custom":"v"}`, `{"X_Custom":"[REDACTED]"}`},
		{"unclosed string", "{\"token\":\"abcdef… (300 bytes)\nnext", "{\"token\":\"[REDACTED]\nnext"},
		{"unclosed object", `{"auth":{"a":"b…`, `{"auth":"[REDACTED]"`},
		{"word before a bracket", "?token=abc {", "?token=[REDACTED] {"},
		{"word before a block", "password: hunter {\n  a: 1\n}", "password: [REDACTED] {\n  a: [REDACTED]\n}"},
		{"jest block", "\"auth\": Object {\n  \"a\": 1,\n},", "\"auth\": Object {\n  \"a\": \"[REDACTED]\",\n},"},
		{"secret key in a block", "\"auth\": {\n  \"password\": \"x\",\n  \"sig\": 12 34\n}", "\"auth\": {\n  \"password\": \"[REDACTED]\",\n  \"sig\": \"[REDACTED]\"\n}"},
		{"percent-encoded name", `ws://h/?%74oken=abc&%70ASSWORD=x&b=1`, `ws://h/?%74oken=[REDACTED]&%70ASSWORD=[REDACTED]&b=1`},
		{"escaped json key", `{"t\u006fken":"abc","\u0070assword":"x","b":1}`, `{"t\u006fken":"[REDACTED]","\u0070assword":"[REDACTED]","b":1}`},
		{"escaped key in escaped json", `"{\"\\u0070assword\":\"x\",\"b\":1}"`, `"{\"\\u0070assword\":\"[REDACTED]\",\"b\":1}"`},
		{"escaped non-name byte", `{"\u00e9token":"x"} %E9token=y`, `{"\u00e9token":"x"} %E9token=[REDACTED]`},
		{"after a JSON escape", `{"log":"GET /\ntoken=abc\tpassword: x\r\nAuthorization: Bearer y","b":1}`, `{"log":"GET /\ntoken=[REDACTED]\tpassword: [REDACTED]\r\nAuthorization: [REDACTED]","b":1}`},
		{"after an escaped backslash", `{"path":"C:\\token=abc","b":"x\\\\nsession=d"}`, `{"path":"C:\\token=[REDACTED]","b":"x\\\\nsession=[REDACTED]"}`},
		{"form arrays", `token[]=a&token[0]=b&user[password]=c&a[b][sig]=d&token%5B%5D=e&user%5bpassword%5D=f&x=1`, `token[]=[REDACTED]&token[0]=[REDACTED]&user[password]=[REDACTED]&a[b][sig]=[REDACTED]&token%5B%5D=[REDACTED]&user%5bpassword%5D=[REDACTED]&x=1`},
		{"bracketed json key", `{"user[password]":"x","b":1}`, `{"user[password]":"[REDACTED]","b":1}`},
		{"brackets without a value", `obj.token[0] == x; a[token]`, `obj.token[0] == x; a[token]`},
		{"credential headers", "Set-Cookie: sid=abc; HttpOnly\nX-Api-Key: k1\nProxy-Authorization: Basic eA==\nx: y", "Set-Cookie: [REDACTED]\nX-Api-Key: [REDACTED]\nProxy-Authorization: [REDACTED]\nx: y"},
		{"response headers logged", `{ 'set-cookie': 'sid=abc', 'x-api-key': 'k' }`, `{ 'set-cookie': '[REDACTED]', 'x-api-key': '[REDACTED]' }`},
		{"toHaveProperty", "expect(received).toHaveProperty(path, value)\n\nExpected path: \"user.password\"\n\nExpected value: \"a\"\nReceived value: \"b\"", "expect(received).toHaveProperty(path, value)\n\nExpected path: \"user.password\"\n\nExpected value: [REDACTED]\nReceived value: [REDACTED]"},
		{"toHaveProperty not", "Expected path: \"token\"\n\nExpected value: not \"a\"", "Expected path: \"token\"\n\nExpected value: not [REDACTED]"},
		{"toHaveProperty received path", "Expected path: \"auth.x\"\nReceived path: \"auth\"\n\nReceived value: {\"a\": 1}", "Expected path: \"auth.x\"\nReceived path: \"auth\"\n\nReceived value: [REDACTED]"},
		{"toHaveProperty diff", "Expected path: [\"user\", \"password\"]\n\n- Expected value  - 1\n+ Received value  + 1\n\n  {\n-   \"v\": \"a\",\n+   \"v\": \"b\",\n    \"w\": 1,\n  }", "Expected path: [\"user\", \"password\"]\n\n- Expected value  - 1\n+ Received value  + 1\n\n  {\n-   \"v\": \"[REDACTED]\",\n+   \"v\": \"[REDACTED]\",\n    \"w\": \"[REDACTED]\",\n  }"},
		{"toHaveProperty path not found", "Expected path: \"session\"\nReceived path: []\n\nReceived value: {\"id\": 1, \"kind\": \"chat\", \"sig\": \"s\"}", "Expected path: \"session\"\nReceived path: []\n\nReceived value: {\"id\": 1, \"kind\": \"chat\", \"sig\": \"[REDACTED]\"}"},
		{"toHaveProperty path not found below", "Expected path: \"a.token\"\nReceived path: \"a\"\n\nExpected value: \"x\"\nReceived value: {\"b\": 1}", "Expected path: \"a.token\"\nReceived path: \"a\"\n\nExpected value: [REDACTED]\nReceived value: {\"b\": 1}"},
		{"toHaveProperty not a secret", "Expected path: \"user.name\"\n\nExpected value: \"a\"", "Expected path: \"user.name\"\n\nExpected value: \"a\""},
		{"first difference of huge values", "(The diff was left out: …)\nThey first differ at .auth[\"x\"]:\nExpected: \"a\"\nReceived: {\"b\": 1}\nnext: 1", "(The diff was left out: …)\nThey first differ at .auth[\"x\"]:\nExpected: [REDACTED]\nReceived: [REDACTED]\nnext: 1"},
		{"first difference not under a secret", "They first differ at .list[5].s:\nExpected: \"a\"\nReceived: \"b\"", "They first differ at .list[5].s:\nExpected: \"a\"\nReceived: \"b\""},
		{"type error of a secret option", `stomp.connect: option passcode must be a string, got the number 987654321`, `stomp.connect: option passcode must be a string, got the number [REDACTED]`},
		{"type error quoting a string", `TypeError: socketio.connect: option auth must be an object, got the string "abc\"d…"` + "\nnext", `TypeError: socketio.connect: option auth must be an object, got the string "[REDACTED]"` + "\nnext"},
		{"type error of a header", `ws.connect: option headers.Authorization must be a string, number or boolean, got the boolean true`, `ws.connect: option headers.Authorization must be a string, number or boolean, got the boolean [REDACTED]`},
		{"type error in a quoted message", `Expected: "option token must be a string, got the number 5"` + "\n" + `Received: 'option token must be a string, got the bigint 6n'`, `Expected: "option token must be a string, got the number [REDACTED]"` + "\n" + `Received: 'option token must be a string, got the bigint [REDACTED]'`},
		{"type error of another option", `ws.connect: option timeout must be a number, got the string "abc"`, `ws.connect: option timeout must be a number, got the string "abc"`},
		{"xml element", `<iq type="set"><query><username>bob</username><password>hunter2</password></query></iq>`, `<iq type="set"><query><username>bob</username><password>[REDACTED]</password></query></iq>`},
		{"xml element with attributes", `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN' token='t'>AGJvYgBo</auth> <b>x</b>`, `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN' token='[REDACTED]'>[REDACTED]</auth> <b>x</b>`},
		{"not an element", `Promise<Session> { return <token/>; } <jwt></jwt> a <token> b </i>`, `Promise<Session> { return <token/>; } <jwt></jwt> a <token> b </i>`},
		{"more credential names", `{"authToken":"a","x-auth-token":"b","apiToken":"c","sessionToken":"d","private_key":"e","sid":"f"}`, `{"authToken":"[REDACTED]","x-auth-token":"[REDACTED]","apiToken":"[REDACTED]","sessionToken":"[REDACTED]","private_key":"[REDACTED]","sid":"f"}`},
		{"multi-line string in a diff", "  {\n    \"token\": \"-----BEGIN\n  line2\n- line3x\",\n+ line3\",\n    \"user\": \"a\",\n  }", "  {\n    \"token\": \"[REDACTED]\n[REDACTED]\n- [REDACTED]\",\n+ [REDACTED]\",\n    \"user\": \"a\",\n  }"},
		{"multi-line string received", "Received: {\"token\": \"a\nb\\\"c\", \"user\": \"u\"}\nmore", "Received: {\"token\": \"[REDACTED]\n[REDACTED]\", \"user\": \"u\"}\nmore"},
		{"multi-line string last in a diff", "+   \"password\": \"a\n+ b\n+ c\",\n  }", "+   \"password\": \"[REDACTED]\n+ [REDACTED]\n+ [REDACTED]\",\n  }"},
		{"text after a multi-line string", "x: {\"token\": \"a\n- b\", \"sig\": \"c\"}\n+ d\", \"auth\": \"e\"}\nf", "x: {\"token\": \"[REDACTED]\n- [REDACTED]\", \"sig\": \"[REDACTED]\"}\n+ [REDACTED]\", \"auth\": \"[REDACTED]\"}\nf"},
		{"comparison", `if (token == x)`, `if (token == x)`},
		{"nothing", `plain text: no secrets = here`, `plain text: no secrets = here`},
		{
			"pretty json",
			"{\n  \"auth\": {\n    \"user\": \"a\",\n    \"n\": 1,\n    \"list\": [\n      \"x\"\n    ]\n  },\n  \"keep\": \"k\"\n}",
			"{\n  \"auth\": {\n    \"user\": \"[REDACTED]\",\n    \"n\": \"[REDACTED]\",\n    \"list\": [\n      \"[REDACTED]\"\n    ]\n  },\n  \"keep\": \"k\"\n}",
		},
		{
			"diff",
			"  {\n-   \"auth\": {\n-     \"user\": \"a\",\n+   \"auth\": {\n+     \"user\": \"b\",\n    },\n+   \"token\": \"t\",\n    \"keep\": 1,\n  }",
			"  {\n-   \"auth\": {\n-     \"user\": \"[REDACTED]\",\n+   \"auth\": {\n+     \"user\": \"[REDACTED]\",\n    },\n+   \"token\": \"[REDACTED]\",\n    \"keep\": 1,\n  }",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.String(tt.in); got != tt.want {
				t.Errorf("String(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSecret(t *testing.T) {
	r, _ := New(nil)
	for name, want := range map[string]bool{
		"token": true, "Access-Token": true, "%74oken": true, "t\\u006fken": true, "token[]": true,
		"user[password]": true, "user%5Bpassword%5D": true, "a[b][sig]": true,
		"user": false, "tokens": false, "my_token": false, "user[name]": false, "token x": false, "": false,
	} {
		if got := r.Secret(name); got != want {
			t.Errorf("Secret(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestNilRedactsNothing(t *testing.T) {
	var r *Redactor
	if got := r.String(`?token=abc`); got != `?token=abc` {
		t.Errorf("nil Redactor changed the text: %q", got)
	}
}

func TestNewRejectsNamesTextCannotHold(t *testing.T) {
	for _, name := range []string{"", "a.b", "a b", "__", strings.Repeat("a", maxName+1)} {
		if _, err := New([]string{name}); err == nil {
			t.Errorf("New(%q) accepted it", name)
		}
	}
	if _, err := New([]string{"X-Custom_2"}); err != nil {
		t.Error(err)
	}
}

func TestStringDoesNotAllocateWithoutSecrets(t *testing.T) {
	r, _ := New(nil)
	s := `{"type":"message","text":"hello: world","n":1} ws://h/x?room=1`
	if n := testing.AllocsPerRun(100, func() { _ = r.String(s) }); n != 0 {
		t.Errorf("%v allocations for a text without secrets", n)
	}
}

// BenchmarkString measures a failure-sized text: a timeout message listing messages, a diff
// and a transcript, with a few secrets in it.
func BenchmarkString(b *testing.B) {
	r, _ := New(nil)
	var sb strings.Builder
	for i := range 20 {
		fmt.Fprintf(&sb, "  %d. {\"type\":\"update\",\"room\":\"lobby\",\"user\":{\"name\":\"alice\",\"token\":\"abc%d\"},\"text\":\"hello there\"}\n", i, i)
		fmt.Fprintf(&sb, "+   \"session\": \"s%d\",\n    \"n\": %d,\n", i, i)
	}
	s := sb.String()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = r.String(s)
	}
}

// TestLongHostileTextsStayLinear redacts texts of about 1 MB built to make a careless scanner
// quadratic (many keys in one hidden value, long runs of blanks, dots or backslashes, nesting);
// each takes milliseconds, a quadratic scan minutes, which the test binary's -timeout catches.
func TestLongHostileTextsStayLinear(t *testing.T) {
	r, _ := New(nil)
	for _, s := range []string{
		strings.Repeat(`{"auth":`, 50000) + `"x"` + strings.Repeat(`}`, 50000),
		strings.Repeat(`{"token":"`, 50000),
		strings.Repeat(`token: ' { auth: 1 `, 50000),
		strings.Repeat("\"auth\": {\n", 50000),
		strings.Repeat("token: token: token: ", 50000),
		strings.Repeat("token=", 100000) + strings.Repeat(".", 1<<20) + "x",
		strings.Repeat("token: ", 100000) + strings.Repeat(" ", 1<<20) + "x",
		strings.Repeat(`"sig": '`, 100000),
		strings.Repeat(`token=Bearer `, 100000),
		strings.Repeat(`\`, 1<<20) + `"token":"x"`,
		strings.Repeat(`<token `, 200000) + ">",
		strings.Repeat(`<token>x`, 200000),
		strings.Repeat("x token: \"a\n", 200000),
		"\"token\": \"x\n" + strings.Repeat("- a\", \"token\": \"b\n+ c\", \"token\": \"d\n", 100000),
		strings.Repeat("<token Expected path: \"token\"\n>x</token>\n", 25000),
		strings.Repeat("Received value: Expected path: \"token\"\nReceived path: []\n", 20000),
	} {
		if out := r.String(s); strings.Contains(out, "failed to redact") {
			t.Errorf("%.20q…: %s", s, out)
		}
	}
}

func TestBytes(t *testing.T) {
	r, _ := New(nil)
	for _, c := range []struct{ in, want string }{
		{`{"password":"hunter2","user":"a"}`, `{"password":"[REDACTED]","user":"a"}`}, // JSON in a binary frame
		{"\xff\x01{\"token\":\"abc\"}", "\xff\x01{\"token\":\"[REDACTED]\"}"},         // JSON after a type byte that is not UTF-8
		{"\x89PNG\r\n\x1a\n\x00\x00", "\x89PNG\r\n\x1a\n\x00\x00"},                    // nothing to redact: left as it is
		{"nothing secret", "nothing secret"},
	} {
		if got := string(r.Bytes([]byte(c.in))); got != c.want {
			t.Errorf("Bytes(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	var none *Redactor
	if got := string(none.Bytes([]byte(`{"password":"x"}`))); got != `{"password":"x"}` {
		t.Errorf("a nil Redactor changed %q", got)
	}
}
