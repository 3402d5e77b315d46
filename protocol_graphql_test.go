package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/internal/goldentest"
)

// graphqlDir holds the GraphQL fixtures: the real servers (server/, graphql-ws 6 and
// subscriptions-transport-ws 0.11 from npm) and the scripts run against them.
var graphqlDir = filepath.Join("testdata", "protocols", "graphql")

// graphqlServers starts server/server.mjs on 127.0.0.1 and returns the environment that points
// the scripts at it: GRAPHQL_URL (graphql-transport-ws) and GRAPHQL_LEGACY_URL (graphql-ws).
func graphqlServers(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("node", "server.mjs")
	cmd.Dir = needGraphQLPackages(t)
	line := startServer(t, cmd, "")
	var addr struct{ Transport, Legacy string }
	if err := json.Unmarshal([]byte(line), &addr); err != nil || addr.Transport == "" || addr.Legacy == "" {
		t.Fatalf("the GraphQL server printed %q, not its addresses", line)
	}
	return []string{"GRAPHQL_URL=" + addr.Transport, "GRAPHQL_LEGACY_URL=" + addr.Legacy}
}

// needGraphQLPackages returns server/ once node and the npm packages of the real servers and
// clients are installed there (.ci/servers/graphql.sh installs them).
func needGraphQLPackages(t *testing.T) string {
	t.Helper()
	return needNodePackages(t, filepath.Join(graphqlDir, "server"), "graphql.sh", "graphql-ws", "subscriptions-transport-ws", "graphql", "ws")
}

// graphqlRun runs scripts of graphqlDir through the binary with env added, and returns the
// output, the exit code, the report, and the run's latency counts of protocol graphql by
// operation name.
func graphqlRun(t *testing.T, env []string, scripts ...string) (string, int, jsonReport, map[string]int) {
	t.Helper()
	run := runProtocol(t, graphqlDir, env, scripts...)
	return run.out, run.code, run.report, run.opCounts("graphql")
}

// TestGraphQLRealServers runs the module's scenarios (query, mutation, execution and validation
// errors, a subscription's stream, completion and error, unsubscribe, pings, auth refused, the
// legacy protocol chosen and negotiated) and the same scenarios in raw frames, against the real
// servers: every test must pass.
func TestGraphQLRealServers(t *testing.T) {
	env := graphqlServers(t)
	out, code, report, latency := graphqlRun(t, env, "module.test.js", "raw.test.js")
	if code != 0 || report.Summary.Tests.Failed != 0 || report.Summary.Tests.Passed != 19 {
		t.Fatalf("exit %d, tests %+v, want 19 passed:\n%s", code, report.Summary.Tests, out)
	}
	// Latency names: the operation's name, else its first field (an alias skipped). Only
	// completed operations count: not the subscription whose payload never came.
	want := map[string]int{"Add": 2, "add": 1, "Count": 1, "count": 3, "Hello": 1, "hello": 4,
		"nope": 3, "denied": 2, "failing": 2, "pingMe": 1, "pongs": 1}
	if !reflect.DeepEqual(latency, want) {
		t.Errorf("graphql latency counts by name:\n got %v\nwant %v", latency, want)
	}
}

// TestGraphQLScriptedServers runs the module against servers scripted with ws.serve (the
// handshake's edge cases, over(), what the subscribe frames carry) and against graphql.serve
// in both protocols: no real server needed.
func TestGraphQLScriptedServers(t *testing.T) {
	out, code, report, latency := graphqlRun(t, nil, "scripted.test.js", "serve.test.js")
	if code != 0 || report.Summary.Tests.Failed != 0 || report.Summary.Tests.Passed != 22 {
		t.Fatalf("exit %d, tests %+v, want 22 passed:\n%s", code, report.Summary.Tests, out)
	}
	// `subscription { left: countdown(from: 3) }` is timed under its field, not its alias, and
	// `query A { a } query B { b }` under the operationName given.
	if latency["countdown"] != 2 || latency["left"] != 0 || latency["B"] != 1 || latency["A"] != 0 {
		t.Errorf("graphql latency counts by name: %v", latency)
	}
}

// TestGraphQLServeMockWithRealClients runs mock.js under `wsrun serve`, as a frontend developer
// would, and drives it with the real graphql-ws and subscriptions-transport-ws clients
// (server/clients.mjs): queries, a mutation, errors, a subscription's stream, a refused token.
func TestGraphQLServeMockWithRealClients(t *testing.T) {
	dir := needGraphQLPackages(t)
	cmd := exec.Command(binary(t), "serve", "mock.js")
	cmd.Dir = graphqlDir
	url := startServer(t, cmd, "listening on ")
	client := exec.Command("node", "clients.mjs", url)
	client.Dir = dir
	out, err := client.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("the real clients against graphql.serve (%v):\n%s", err, out)
	}
}

// TestGraphQLProtocolViolationsFailTheTest: a frame that is not JSON, an unknown operation id and
// an unknown frame type each fail the test that meets them, saying what came, instead of hanging.
func TestGraphQLProtocolViolationsFailTheTest(t *testing.T) {
	out, code, report, _ := graphqlRun(t, nil, "violations.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	for name, want := range map[string]string{
		"a frame that is not JSON":               `alice: the server broke the graphql-transport-ws protocol: a frame that is not JSON: "hello"`,
		"a next for an id the client never used": `bob: the server broke the graphql-transport-ws protocol: "next" for unknown operation id "99"`,
		"a frame of an unknown type":             `carol: the server broke the graphql-transport-ws protocol: unexpected "data" frame`,
		"a big broken frame is quoted, not copied whole": `dave: the server broke the graphql-transport-ws protocol: "next" for unknown operation id "99": ` +
			`{"id":"99","type":"next","payload":{"data":"xxx`,
	} {
		status, messages := report.test(t, "violations.test.js", name)
		if status != "failed" || !strings.Contains(messages, want) {
			t.Errorf("%s: %s, messages:\n%.2000s\nwant one containing %q", name, status, messages, want)
		}
		// A frame is quoted up to 200 characters, not copied whole into the message.
		if len(messages) > 1000 {
			t.Errorf("%s: a message of %d bytes:\n%.2000s…", name, len(messages), messages)
		}
	}
}

// TestGraphQLTimeoutOutput: a query past its timeout, a subscription that completes before the
// awaited payload, one whose payload is late, and a refused connect fail with the decoded
// failure output of timeout.golden (ports and durations masked), at the script's line.
func TestGraphQLTimeoutOutput(t *testing.T) {
	env := graphqlServers(t)
	out, code, report, latency := graphqlRun(t, env, "timeout.test.js")
	if code != 1 || report.Summary.Tests.Failed != 4 {
		t.Fatalf("exit %d, tests %+v, want 4 failed:\n%s", code, report.Summary.Tests, out)
	}
	// Slow timed out and Slowly's first payload never came: neither is timed; Count's came.
	if want := map[string]int{"Count": 1}; !reflect.DeepEqual(latency, want) {
		t.Errorf("graphql latency counts by name: got %v, want %v", latency, want)
	}
	goldentest.Check(t, filepath.Join(graphqlDir, "timeout.golden"), maskOutput(out))
}
