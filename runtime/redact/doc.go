// Package redact hides secrets in text that wsrun writes out: reports, console output,
// transcripts, trace files and failure messages (docs/limits.md, "Secrets in output"). A
// Redactor knows a set of names (token, password, api_key, … plus the --redact ones) and
// replaces the value of every URL query parameter, form field, JSON or JavaScript object key,
// header or key=value pair with one of those names by [REDACTED]. It works on text, not on
// parsed values, because by the time output is written a message has been formatted into
// many shapes: raw JSON frames, JSON escaped inside a quoted string (Jest's "Received:"),
// console.log's { a: 'x' }, a multi-line diff, a URL inside an error message.
//
// Only text that leaves wsrun passes through a Redactor; what scripts see is never changed.
// It is deliberately greedy: when in doubt it hides more, never less. Names are compared
// case-insensitively and ignoring '_' and '-', so accessToken, ACCESS-TOKEN and access_token
// are one name.
//
// A Redactor is immutable and safe for concurrent use; a nil *Redactor leaves text as it is
// (redaction off). The package imports nothing of wsrun, so report, engine and main may all
// use it.
//
//	r, err := redact.New([]string{"x-custom"}) // the default names plus x-custom
//	if err != nil { … }                        // a name that is not letters, digits, _ and -
//	r.String(`ws://h/x?token=abc&b=1`)         // ws://h/x?token=[REDACTED]&b=1
//	r.String(`{"password":"hunter2"}`)         // {"password":"[REDACTED]"}
package redact
