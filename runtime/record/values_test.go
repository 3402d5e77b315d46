package record

import "testing"

func TestGenerated(t *testing.T) {
	tests := []struct {
		name, key string
		v         any
		want      string // "" when the value must stay literal
	}{
		{"a stable type", "type", "chat", ""},
		{"a user name", "user", "alice", ""},
		{"a sentence", "text", "hello, how are you today my friend", ""},
		{"a long word", "word", "internationalization", ""},
		{"a path", "path", "/api/v1/rooms/lobby/members", ""},
		{"a UUID", "ref", "3f2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5f", "a UUID"},
		{"an upper-case UUID", "x", "3F2A9C4E-1B7D-4E8A-9C3F-0A1B2C3D4E5F", "a UUID"},
		{"an ISO time", "when", "2026-12-03T04:49:41.308Z", "an ISO time"},
		{"an ISO time with an offset", "when", "2026-12-03T04:49:41+01:00", "an ISO time"},
		{"a date alone is stable", "day", "2026-12-03", ""},
		{"a hex id", "x", "65f1c0ffee0123456789abcd", "a hex string"},
		{"short hex is stable", "color", "ff00aa", ""},
		{"a base64url token", "x", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123", "a token"},
		{"a prefixed id", "x", "msg_8f3a2b1c9d0e4f5a6b7c", "a token"},
		{"an event name with a version", "type", "user_joined_v2_channel_event", ""},
		{"a dotted event name", "event", "order.created.v2.notification", ""},
		{"an error code", "code", "ERR_INVALID_ARG_TYPE_2", ""},
		{"a file name with a date", "file", "report_2026_12_03_final.pdf", ""},
		{"a version", "version", "1.2.3-beta.4+build.567", ""},
		{"a base64 token", "x", "dGhpcyBpcyBhIHRlc3Q0MjQ=", "a token"},
		{"a lower-case token", "x", "k3j4h5g6f7d8s9a0q1w2", "a token"},
		{"an id field", "id", "u1", "an id"},
		{"an ID field", "ID", "u1", "an id"},
		{"a camelCase id field", "messageId", "m-7", "an id"},
		{"a snake_case id field", "room_id", "r7", "an id"},
		{"paid is not an id", "paid", "yes", ""},
		{"valid is not an id", "valid", "yes", ""},
		{"a createdAt field", "createdAt", "yesterday", "a time"},
		{"chat does not end in At", "format", "chat", ""},
		{"an empty id stays", "id", "", ""},
		{"epoch ms", "n", number("1796273381311"), "an epoch time in ms"},
		{"epoch ms in the past century is not", "n", number("946684800000"), ""},
		{"a count", "count", number("3"), ""},
		{"a price", "price", number("12.5"), ""},
		{"a numeric id", "id", number("42"), "an id"},
		{"a seconds timestamp under a time key", "ts", number("1796273381"), "a time"},
		{"a float near epoch ms", "n", number("1796273381311.5"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			what, ok := generated(tt.key, tt.v)
			if ok != (tt.want != "") || what != tt.want {
				t.Errorf("generated(%q, %v) = %q, %v; want %q", tt.key, tt.v, what, ok, tt.want)
			}
		})
	}
}
