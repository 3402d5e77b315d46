package report

import "time"

// fixtureCwd is the working directory the fixture's absolute paths are shown relative to.
const fixtureCwd = "/home/dev/chat-app"

// fixtureDuration is the run time the golden summaries show.
const fixtureDuration = 6420 * time.Millisecond

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// fixtureFiles is a recorded run covering what the pretty reporter has to show: a passing file
// with skipped and flaky tests, a failing file with a diff, a thrown error from a helper, soft
// failures, transcripts and console output, a file that does not compile, and a file whose
// beforeAll fails.
func fixtureFiles() []FileResult {
	return []FileResult{authFile(), chatFile(), brokenFile(), roomsFile()}
}

func authFile() FileResult {
	return FileResult{
		Path: fixtureCwd + "/scripts/auth.test.js", Status: Passed, Duration: ms(420),
		Tests: []TestResult{
			{Name: "logs in with a token", FullName: "auth › logs in with a token", Status: Passed, Duration: ms(12),
				Console: []ConsoleEntry{{Level: "log", Text: "token ok"}}},
			{Name: "rejects a bad token", FullName: "auth › rejects a bad token", Status: Passed, Duration: ms(840)},
			{Name: "reconnects after a drop", FullName: "auth › reconnects after a drop", Status: Passed,
				Duration: ms(1234), Retries: 1, Flaky: true},
			{Name: "admin login", FullName: "auth › admin login", Status: Skipped},
		},
	}
}

func chatFile() FileResult {
	return FileResult{
		Path: fixtureCwd + "/scripts/chat.test.js", Status: Failed, Duration: ms(5430),
		Tests: []TestResult{
			{Name: "one user joins", FullName: "chat › one user joins", Status: Passed, Duration: ms(12),
				Console: []ConsoleEntry{{Level: "log", Text: "alice joined"}, {Level: "info", Text: "room: lobby\nusers: 1"}}},
			twoUsersTalk(),
			typingIndicator(),
			historyIsKept(),
			{Name: "later", FullName: "chat › later", Status: Skipped},
			{Name: "idea", FullName: "chat › idea", Status: Todo},
		},
	}
}

// twoUsersTalk fails a deep equality, with two connections' transcripts and console output.
func twoUsersTalk() TestResult {
	return TestResult{
		Name: "two users talk", FullName: "chat › two users talk", Status: Failed, Duration: ms(5000),
		Errors: []Failure{{
			Message: "expect(received).toEqual(expected) // deep equality\n\n" +
				"- Expected  - 1\n+ Received  + 1\n\n  Object {\n-   \"a\": 1,\n+   \"type\": \"hi\",\n  }",
			Location: &Location{File: fixtureCwd + "/scripts/chat.test.js", Line: 11, Column: 13},
			CodeFrame: &CodeFrame{FirstLine: 9, Line: 11, Column: 13, Lines: []string{
				"test('two users talk', async () => {",
				"  const m = await alice.expect({ type: 'hi' });",
				"  expect(m).toEqual({ a: 1 });",
				"});",
			}},
		}},
		Transcripts: []Transcript{
			{Conn: "alice", Omitted: 17, Entries: []TranscriptEntry{
				{At: ms(3), Dir: Sent, Conn: "alice", Data: `{"type":"hello"}`},
				{At: ms(10), Dir: Received, Conn: "alice", Data: `{"type":"hi"}`},
				{At: ms(11), Dir: Received, Conn: "alice", Data: "line one\nline two\x1b[31m"},
				{At: ms(5001), Dir: Closed, Conn: "alice", Data: `1000 "bye"`},
			}},
			{Conn: "bob", Entries: []TranscriptEntry{
				{At: ms(4), Dir: Note, Conn: "bob", Data: "120 older messages dropped (maxHistory 100)"},
				{At: ms(12345), Dir: Sent, Conn: "bob", Data: `{"type":"typing"}`},
			}},
		},
		Console: []ConsoleEntry{
			{Level: "log", Text: "hello world"},
			{Level: "warn", Text: "careful"},
			{Level: "error", Text: "state dump:\n{\n  \"users\": 2\n}"},
			{Level: "log", Text: ""},
		},
	}
}

// typingIndicator throws from a shared helper, with a stack through the test file.
func typingIndicator() TestResult {
	return TestResult{
		Name: "typing indicator", FullName: "chat › presence › typing indicator", Status: Failed,
		Duration: ms(37), Retries: 2,
		Errors: []Failure{{
			Message: "TypeError: Cannot read property 'id' of undefined",
			Stack: "TypeError: Cannot read property 'id' of undefined\n" +
				"    at whoIsTyping (" + fixtureCwd + "/lib/steps.js:7:22)\n" +
				"    at " + fixtureCwd + "/scripts/chat.test.js:24:9\n",
			Location: &Location{File: fixtureCwd + "/lib/steps.js", Line: 7, Column: 22},
			CodeFrame: &CodeFrame{FirstLine: 5, Line: 7, Column: 22, Lines: []string{
				"export function whoIsTyping(msg) {",
				"\tconst users = msg.users;",
				"\treturn users[0].typing.id;",
				"}",
			}},
		}},
	}
}

// historyIsKept has a hard failure followed by two soft ones.
func historyIsKept() TestResult {
	loc := func(line, col int) *Location {
		return &Location{File: fixtureCwd + "/scripts/chat.test.js", Line: line, Column: col}
	}
	codeFrame := func(line, col int, code string) *CodeFrame {
		return &CodeFrame{FirstLine: line, Line: line, Column: col, Lines: []string{code}}
	}
	return TestResult{
		Name: "history is kept", FullName: "chat › history is kept", Status: Failed, Duration: ms(88),
		Errors: []Failure{
			{Message: "expect(received).toHaveLength(expected)\n\nExpected length: 3\nReceived length: 2\nReceived array:  [\"a\", \"b\"]",
				Location: loc(31, 29), CodeFrame: codeFrame(31, 29, "  expect.soft(conn.messages).toHaveLength(3);")},
			{Message: "expect(received).toBe(expected) // Object.is equality\n\nExpected: \"b\"\nReceived: \"c\"",
				Location: loc(32, 37), CodeFrame: codeFrame(32, 37, "  expect.soft(conn.messages[1].data).toBe('b');")},
		},
	}
}

// brokenFile does not compile. The engine reports a load error as the file's error and also as
// a failed test named after the file, carrying what the file printed while loading.
func brokenFile() FileResult {
	f := FileResult{
		Path: fixtureCwd + "/scripts/broken.test.ts", Status: Failed, Duration: ms(8),
		Error: &Failure{
			Message:  "SyntaxError: Expected \";\" but found \"conn\"",
			Location: &Location{File: fixtureCwd + "/scripts/broken.test.ts", Line: 4, Column: 9},
			CodeFrame: &CodeFrame{FirstLine: 2, Line: 4, Column: 9, Lines: []string{
				"",
				"test('opens', async () => {",
				"  const conn await ws.connect(URL);",
				"});",
			}},
		},
	}
	f.Tests = []TestResult{{Name: "scripts/broken.test.ts", FullName: "scripts/broken.test.ts", Status: Failed,
		Errors: []Failure{*f.Error}, Console: []ConsoleEntry{{Level: "log", Text: "loading config"}}}}
	return f
}

// roomsFile fails in beforeAll; its tests report the hook's error as their own.
func roomsFile() FileResult {
	hook := Failure{
		Message:  "beforeAll: connect ws://127.0.0.1:4001/rooms: dial tcp 127.0.0.1:4001: connect: connection refused",
		Location: &Location{File: "/opt/shared/setup.js", Line: 3, Column: 15},
		CodeFrame: &CodeFrame{FirstLine: 2, Line: 3, Column: 15, Lines: []string{
			"beforeAll(async () => {",
			"  admin = await ws.connect(process.env.URL + '/rooms');",
			"});",
		}},
	}
	return FileResult{
		Path: fixtureCwd + "/scripts/rooms.test.js", Status: Failed, Duration: ms(310), Error: &hook,
		Tests: []TestResult{
			{Name: "creates a room", FullName: "rooms › creates a room", Status: Failed, Errors: []Failure{hook}},
			{Name: "lists rooms", FullName: "rooms › lists rooms", Status: Failed, Errors: []Failure{hook}},
		},
	}
}
