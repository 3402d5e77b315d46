package record

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/internal/goldentest"
	"github.com/wsrun/wsrun/runtime/redact"
	"github.com/wsrun/wsrun/transport"
)

func text(conn int, k Kind, s string) Event {
	return Event{Conn: conn, Kind: k, Type: transport.Text, Data: []byte(s)}
}

// session is a recording with one of each thing the generator writes.
func session() Recording {
	return Recording{
		Target: "ws://127.0.0.1:9000/api",
		Conns: []Connection{
			{
				Path: "/chat?room=lobby&token=abc123",
				Headers: http.Header{
					"Authorization": {"Bearer s3cret"}, "Cookie": {"sid=42"}, "Origin": {"http://localhost:5173"},
					"User-Agent": {"Mozilla/5.0"}, "X-Tenant": {"acme"}, "Sec-Fetch-Mode": {"websocket"},
				},
				Protocols: []string{"chat.v1", "chat.v2"}, Protocol: "chat.v1", Compression: true,
			},
			{Path: "/", Headers: http.Header{}},
			{Path: "/feed", Headers: http.Header{}},
		},
		Events: []Event{
			{Conn: 0, Kind: Opened},
			text(0, Received, `{"type":"welcome","id":"3f2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5f","at":"2026-12-03T04:49:41.308Z"}`),
			text(0, Sent, `{"type":"auth","token":"s3cret","user":"alice"}`),
			text(0, Sent, `{"type":"join","room":"lobby","requestId":"req-17"}`),
			text(0, Received, `{"type":"joined","requestId":"req-17","members":[{"id":"u1","name":"alice"},{"id":"u2","name":"bob"}],"count":2}`),
			text(0, Sent, `{"type": "typing", "price": 1.50}`),
			{Conn: 1, Kind: Opened},
			text(1, Received, "hello there"),
			text(1, Sent, "password=hunter2"),
			text(1, Received, "token=xyz"),
			{Conn: 1, Kind: Sent, Type: transport.Binary, Data: []byte{0, 1, 255}},
			{Conn: 1, Kind: Received, Type: transport.Binary, Data: []byte{255, 1, 0}},
			{Conn: 1, Kind: Received, Type: transport.Binary, Data: bytes.Repeat([]byte{7}, maxBinaryMatch+1)},
			text(0, Received, `[1,2,{"ts":1796273381311,"ok":true,"note":null}]`),
			text(0, Received, `{"type":"profile","name":"Alice Liddell","city":"Oxford","bio":"it's\nfine","tags":["a","b"]}`),
			text(0, Received, `{"type":"auth-ok","jwt":"eyJhbGciOiJIUzI1NiJ9.e30.abc","my-key":"v"}`),
			text(0, Sent, `{"type":"resume","jwt":"eyJhbGciOiJIUzI1NiJ9.e30.abc"}`),
			text(0, Sent, `{"type":"ack","of":"3f2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5f"}`),
			text(0, Received, `{"type":"acked","of":"3f2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5f","at":"2026-12-03T04:49:41.308Z"}`),
			text(1, Received, `{"type":"rooms","rooms":[{"room-id":"65f1c0ffee0123456789abcd","name":"lobby"}]}`),
			text(1, Sent, `{"type":"enter","room":"65f1c0ffee0123456789abcd"}`),
			{Conn: 0, Kind: ClientClosed, Code: 1000, Reason: "done"},
			{Conn: 2, Kind: Opened},
			{Conn: 1, Kind: ServerClosed, Code: 4001, Reason: "kicked"},
			{Conn: 2, Kind: ClientClosed, Code: 1005},
		},
	}
}

func TestGenerateGolden(t *testing.T) {
	red, err := redact.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		rec  Recording
		red  *redact.Redactor
	}{
		{"session", session(), red},
		{"session-no-redact", session(), nil},
		{"empty", Recording{Target: "ws://127.0.0.1:9000"}, red},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Generate(tt.rec, GenerateOptions{Redactor: tt.red})
			goldentest.Check(t, filepath.Join("testdata", tt.name+".golden"), string(got))
		})
	}
}

func TestGenerateKeepsSecretsOut(t *testing.T) {
	red, _ := redact.New(nil)
	got := string(Generate(session(), GenerateOptions{Redactor: red}))
	for _, secret := range []string{"s3cret", "abc123", "hunter2", "sid=42", "xyz", "eyJhbGci"} {
		if bytes.Contains([]byte(got), []byte(secret)) {
			t.Errorf("the generated file holds the secret %q:\n%s", secret, got)
		}
	}
}

// TestGenerateKeepsEmbeddedSecretsOut: secrets the console would redact inside a recorded
// value — a URL's token parameter or a password= in a string field, a JSON text in a
// string, a number or an object under a secret name — stay out of the generated test, sent
// or expected, as they do out of every other output (SPEC 9).
func TestGenerateKeepsEmbeddedSecretsOut(t *testing.T) {
	red, _ := redact.New(nil)
	rec := Recording{
		Target: "ws://127.0.0.1:9000",
		Conns:  []Connection{{Path: "/?%74oken=SECRET10encoded&user%5Bpassword%5D=SECRET11form&room=1", Headers: http.Header{"X-Debug": {"session=SECRET9header"}}}},
		Events: []Event{
			{Conn: 0, Kind: Opened},
			text(0, Sent, `{"type":"login","link":"https://x/?sig=SECRET1link","passcode":123456789,"auth":{"user":"SECRET2user","pass":"SECRET3pass"}}`),
			text(0, Received, `{"type":"welcome","url":"wss://cdn/x?token=SECRET4url","note":"see password=SECRET5note","nested":"{\"password\":\"SECRET6nested\"}"}`),
			text(0, Received, `{"type":"pin","passcode":987654321,"auth":{"level":"SECRET7level"},"secret":[{"k":"SECRET8list"}]}`),
			text(0, Received, `{"type":"echo","link":"https://x/?sig=SECRET1link"}`),
			text(0, Sent, `{"type":"follow","url":"wss://cdn/x?token=SECRET4url"}`),
		},
	}
	got := string(Generate(rec, GenerateOptions{Redactor: red}))
	for _, secret := range []string{"SECRET", "123456789", "987654321"} {
		if i := strings.Index(got, secret); i >= 0 {
			t.Errorf("the generated file holds the secret %q: …%s…\n%s", secret, got[max(0, i-60):min(len(got), i+30)], got)
		}
	}
	for _, want := range []string{
		`link: 'https://x/?sig=[REDACTED]', // secrets in the recorded text were redacted`,
		`passcode: JSON.parse(process.env.WSRUN_PASSCODE ?? '"[REDACTED]"'),`,
		`url: expect.stringMatching(/^wss:\/\/cdn\/x\?token=[\s\S]*$/), // recorded value held a secret`,
		`note: expect.stringMatching(/^see password=[\s\S]*$/), // recorded value held a secret`,
		`nested: expect.stringMatching(/^\{"password":"[\s\S]*"\}$/), // recorded value held a secret`,
		`passcode: expect.any(Number), // recorded value redacted`,
		`auth: expect.any(Object), // recorded value redacted`,
		"secret: [\n      expect.any(Object), // recorded value redacted",
		"url: msg1.url, // what the server sent earlier",
		"ws.connect(target + '/?room=1', {", // %74oken and user%5Bpassword%5D are secret names
		"token: process.env.WSRUN_TOKEN ?? '[REDACTED]'",
		"'user[password]': process.env.WSRUN_USER_PASSWORD ?? '[REDACTED]'",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the generated file lacks %q:\n%s", want, got)
		}
	}
}

// TestGenerateDeepFrames: a frame nested millions of levels deep, sent or received, overflowed
// the stack of the generator's JSON reader (a fatal error that killed wsrun record and lost the
// recording). It is written as the text it was, as wsrun's client receives it.
func TestGenerateDeepFrames(t *testing.T) {
	const n = 3_000_000
	deep := strings.Repeat("[", n) + strings.Repeat("]", n)
	rec := Recording{
		Target: "ws://127.0.0.1:9000",
		Conns:  []Connection{{Path: "/"}},
		Events: []Event{{Conn: 0, Kind: Opened}, text(0, Sent, deep), text(0, Received, deep), text(0, Received, `{"type":"after"}`)},
	}
	red, _ := redact.New(nil)
	got := string(Generate(rec, GenerateOptions{Redactor: red}))
	if !strings.Contains(got, "after") || strings.Count(got, "'"+strings.Repeat("[", 1000)) != 2 {
		t.Errorf("the generated file lacks the deep frames as text or the frame after them:\n%.2000s", got)
	}
}

// TestGenerateProtoKey: a "__proto__" member written as a plain key would set the matcher's
// prototype instead of a member, and the expect would match any object.
func TestGenerateProtoKey(t *testing.T) {
	rec := Recording{
		Target: "ws://127.0.0.1:9000",
		Conns:  []Connection{{Path: "/", Headers: http.Header{}}},
		Events: []Event{
			{Conn: 0, Kind: Opened},
			text(0, Sent, `{"__proto__":{"admin":true}}`),
			text(0, Received, `{"__proto__":{"admin":false}}`),
		},
	}
	got := string(Generate(rec, GenerateOptions{}))
	for _, want := range []string{"client1.send({ ['__proto__']: { admin: true } });", "await client1.expect({ ['__proto__']: { admin: false } });"} {
		if !strings.Contains(got, want) {
			t.Errorf("the generated file lacks %q:\n%s", want, got)
		}
	}
}
