package expect

import (
	"errors"
	"strconv"
	"testing"
)

// memSnapshots is a Snapshots store in memory: stored snapshots by key, counters by name,
// and whether missing ones are written (ci false) or fail (ci true).
type memSnapshots struct {
	stored   map[string]string
	counters map[string]int
	ci       bool
	err      error
	failed   []string
}

func newMem(stored map[string]string) *memSnapshots {
	if stored == nil {
		stored = map[string]string{}
	}
	return &memSnapshots{stored: stored, counters: map[string]int{}}
}

func (m *memSnapshots) key(name string) string {
	m.counters[name]++
	return name + " " + strconv.Itoa(m.counters[name])
}

func (m *memSnapshots) Match(name, received string) SnapshotResult {
	key := m.key(name)
	if m.err != nil {
		return SnapshotResult{Key: key, Err: m.err}
	}
	stored, ok := m.stored[key]
	switch {
	case ok && stored == received:
		return SnapshotResult{Key: key, Pass: true}
	case ok:
		return SnapshotResult{Key: key, Expected: stored}
	case m.ci:
		return SnapshotResult{Key: key, Missing: true}
	}
	m.stored[key] = received
	return SnapshotResult{Key: key, Pass: true}
}

func (m *memSnapshots) Fail(name string) string {
	key := m.key(name)
	m.failed = append(m.failed, key)
	return key
}

// snapEnv is an env whose expect has store as its snapshot store and runs test "t".
func snapEnv(t *testing.T, store *memSnapshots) *env {
	t.Helper()
	e := newEnv(t)
	if err := e.exp.SetSnapshots(store); err != nil {
		t.Fatal(err)
	}
	e.exp.SetTestName("t")
	return e
}

// TestSnapshotSerialization: what the store receives for each kind of value — the
// multi-line snapshot form, strings unescaped, functions without names.
func TestSnapshotSerialization(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"string", `"say \"hi\""`, `"say "hi""`},
		{"number", `-0`, `-0`},
		{"undefined", `undefined`, `undefined`},
		{"object", `{b: [1, {c: null}], a: "x"}`, "{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    {\n      \"c\": null,\n    },\n  ],\n}"},
		{"empty", `[{}, []]`, "[\n  {},\n  [],\n]"},
		{"class", `new (class Point { constructor() { this.x = 1 } })()`, "Point {\n  \"x\": 1,\n}"},
		{"map", `new Map([["k", 1]])`, "Map {\n  \"k\" => 1,\n}"},
		{"function", `function named() {}`, `[Function]`},
		{"regexp", `/a.b/`, `/a.b/`},
		{"string matching", `expect.stringMatching(/^id-\d+$/)`, `StringMatching /^id-\d+$/`},
		{"date", `new Date(0)`, `1970-01-01T00:00:00.000Z`},
		{"newlines", `"a\r\nb\rc"`, "\"a\nb\nc\""},
		{"matcher", `{id: expect.any(String)}`, "{\n  \"id\": Any<String>,\n}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			store := newMem(nil)
			e := snapEnv(t, store)
			if msg := e.run(t, "expect("+tc.src+").toMatchSnapshot()"); msg != "" {
				t.Fatal(msg)
			}
			if got := store.stored["t 1"]; got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestSnapshotKeys: calls count per name from 1, and a hint joins the name with ": ".
func TestSnapshotKeys(t *testing.T) {
	store := newMem(nil)
	e := snapEnv(t, store)
	src := `expect(1).toMatchSnapshot(); expect(2).toMatchSnapshot('h'); expect(3).toMatchSnapshot();
expect(4).toMatchSnapshot('h'); expect({a: 5}).toMatchSnapshot({}, 'p');`
	if msg := e.run(t, src); msg != "" {
		t.Fatal(msg)
	}
	want := map[string]string{"t 1": "1", "t: h 1": "2", "t 2": "3", "t: h 2": "4", "t: p 1": "{\n  \"a\": 5,\n}"}
	for k, v := range want {
		if store.stored[k] != v {
			t.Errorf("%q = %q, want %q (all: %q)", k, store.stored[k], v, store.stored)
		}
	}
	if e.run(t, `if (expect.getState().currentTestName !== 't') throw new Error('currentTestName')`) != "" {
		t.Error("expect.getState().currentTestName is not the test name")
	}
}

// TestSnapshotPropertyMatchers: matchers are checked against the value and stored in
// place of what they matched, in objects and element-wise in arrays.
func TestSnapshotPropertyMatchers(t *testing.T) {
	store := newMem(nil)
	e := snapEnv(t, store)
	src := `expect([{id: 'x1', n: 1, d: new Date(0)}, {n: 2}]).toMatchSnapshot([{id: expect.any(String), d: expect.any(Date)}, {}]);
expect({user: {id: 7, name: 'a'}, tags: ['t']}).toMatchSnapshot({user: {id: expect.any(Number)}});`
	if msg := e.run(t, src); msg != "" {
		t.Fatal(msg)
	}
	want1 := lines(
		`[`,
		`  {`,
		`    "d": Any<Date>,`,
		`    "id": Any<String>,`,
		`    "n": 1,`,
		`  },`,
		`  {`,
		`    "n": 2,`,
		`  },`,
		`]`)
	want2 := lines(
		`{`,
		`  "tags": [`,
		`    "t",`,
		`  ],`,
		`  "user": {`,
		`    "id": Any<Number>,`,
		`    "name": "a",`,
		`  },`,
		`}`)
	if got := store.stored["t 1"]; got != want1 {
		t.Errorf("array:\n%s\nwant:\n%s", got, want1)
	}
	if got := store.stored["t 2"]; got != want2 {
		t.Errorf("object:\n%s\nwant:\n%s", got, want2)
	}
}

func TestSnapshotFailures(t *testing.T) {
	cases := []struct {
		name   string
		stored map[string]string
		ci     bool
		err    error
		src    string
		want   string
	}{
		{
			name:   "mismatch",
			stored: map[string]string{"t 1": "{\n  \"a\": 1,\n  \"b\": 2,\n}"},
			src:    `expect({a: 1, b: 3}).toMatchSnapshot()`,
			want: lines(
				"expect(received).toMatchSnapshot()",
				"",
				"Snapshot name: `t 1`",
				"",
				"- Snapshot  - 1",
				"+ Received  + 1",
				"",
				"  {",
				`    "a": 1,`,
				`-   "b": 2,`,
				`+   "b": 3,`,
				"  }"),
		},
		{
			name:   "mismatch with hint",
			stored: map[string]string{"t: greeting 1": `"hello"`},
			src:    `expect('hi').toMatchSnapshot('greeting')`,
			want: lines(
				"expect(received).toMatchSnapshot(hint)",
				"",
				"Snapshot name: `t: greeting 1`",
				"",
				"- Snapshot  - 1",
				"+ Received  + 1",
				"",
				`- "hello"`,
				`+ "hi"`),
		},
		{
			name: "missing in CI",
			ci:   true,
			src:  `expect({a: 1}).toMatchSnapshot()`,
			want: lines(
				"expect(received).toMatchSnapshot()",
				"",
				"Snapshot name: `t 1`",
				"",
				"New snapshot was not written: CI is set, so wsrun writes new snapshots only with -u "+
					"(--update-snapshots). Run wsrun with -u and commit the .snap file.",
				"",
				"Received:",
				"{",
				`  "a": 1,`,
				"}"),
		},
		{
			name: "property matchers fail",
			src:  `expect({id: 1, n: 2}).toMatchSnapshot({id: expect.any(String)}, 'h')`,
			want: lines(
				"expect(received).toMatchSnapshot(properties, hint)",
				"",
				"Snapshot name: `t: h 1`",
				"",
				"- Expected properties  - 1",
				"+ Received value       + 1",
				"",
				"  {",
				`-   "id": Any<String>,`,
				`+   "id": 1,`,
				"  }"),
		},
		{
			name: "property matchers on a primitive",
			src:  `expect(1).toMatchSnapshot({})`,
			want: lines(
				"expect(received).toMatchSnapshot(properties)",
				"",
				"Matcher error: received value must be a non-null object when property matchers are given",
				"",
				"Received has type:  number",
				"Received has value: 1"),
		},
		{
			name: "not",
			src:  `expect(1).not.toMatchSnapshot()`,
			want: "expect(received).not.toMatchSnapshot()\n\nMatcher error: snapshot matchers cannot be used with not",
		},
		{
			name: "bad hint",
			src:  `expect({}).toMatchSnapshot({}, 3)`,
			want: lines(
				"expect(received).toMatchSnapshot(properties, hint)",
				"",
				"Matcher error: expected hint must be a string",
				"",
				"Expected hint has type:  number",
				"Expected hint has value: 3"),
		},
		{
			name: "bad properties",
			src:  `expect({}).toMatchSnapshot(3)`,
			want: lines(
				"expect(received).toMatchSnapshot(properties)",
				"",
				"Matcher error: expected properties must be an object or an array of property matchers",
				"",
				"Expected properties has type:  number",
				"Expected properties has value: 3"),
		},
		{
			name: "unreadable file",
			err:  errors.New("cannot read __snapshots__/a.test.js.snap: boom"),
			src:  `expect(1).toMatchSnapshot()`,
			want: "expect(received).toMatchSnapshot()\n\nMatcher error: cannot read __snapshots__/a.test.js.snap: boom",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			store := newMem(tc.stored)
			store.ci, store.err = tc.ci, tc.err
			e := snapEnv(t, store)
			if got := e.run(t, tc.src); got != tc.want {
				t.Errorf("got:\n%s\n\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestSnapshotNeedsARunner: without a store, or outside a test, the matcher says why it
// cannot work instead of failing obscurely.
func TestSnapshotNeedsARunner(t *testing.T) {
	e := newEnv(t)
	if got, want := e.run(t, `expect(1).toMatchSnapshot()`),
		"expect(received).toMatchSnapshot()\n\nMatcher error: snapshots are only available in tests that wsrun runs"; got != want {
		t.Errorf("no store: %q", got)
	}
	e = snapEnv(t, newMem(nil))
	e.exp.SetTestName("")
	if got := e.run(t, `expect(1).toMatchSnapshot()`); got != "expect(received).toMatchSnapshot()\n\nMatcher error: toMatchSnapshot must be "+
		"called while a test runs (in the test or its beforeEach/afterEach hooks), not at the top level or in beforeAll/afterAll" {
		t.Errorf("no test: %q", got)
	}
}

// TestSnapshotResolves: .resolves snapshots the resolved value.
func TestSnapshotResolves(t *testing.T) {
	store := newMem(nil)
	e := snapEnv(t, store)
	if msg := e.runAsync(t, `await expect(Promise.resolve([1])).resolves.toMatchSnapshot()`); msg != "" {
		t.Fatal(msg)
	}
	if got := store.stored["t 1"]; got != "[\n  1,\n]" {
		t.Errorf("got %q", got)
	}
}
