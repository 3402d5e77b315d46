package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/wsrun/wsrun/jsapi/types"
	"github.com/wsrun/wsrun/runtime/safefile"
)

const initUsage = `Usage: wsrun init [dir]

Writes into dir (default: the current directory) an example test that brings its own server,
wsrun.d.ts (the types of wsrun's JavaScript API), and tsconfig.json and jsconfig.json so that
editors complete and type-check test files. Existing files are never overwritten.

When dir, or else the current directory, has a package.json, adds to its scripts
"test:ws": "wsrun [dir]" (unless it has a test:ws script already), so that after
npm install -D @wsrun/cli, npm run test:ws runs the tests.
`

// npmInstall is how a project with a package.json gets wsrun (npm/README.md).
const npmInstall = "npm install -D @wsrun/cli"

// npmScript is the script wsrun init adds to package.json.
const npmScript = "test:ws"

// initExample is the example test `wsrun init` writes. It uses ws.serve, so it passes
// anywhere, with no server to start first.
const initExample = `// An example wsrun test. It brings its own WebSocket server with ws.serve, so it runs anywhere:
// run ` + "`wsrun`" + ` in this directory. To test your own server, connect to its URL instead, e.g.
// connect(process.env.URL ?? 'ws://localhost:8080/ws'). A server that speaks Socket.IO, GraphQL
// over WebSocket, STOMP or JSON-RPC has a module of its own: import { socketio } from
// 'wsrun/socketio' (also wsrun/graphql, wsrun/stomp, wsrun/jsonrpc; types in wsrun.d.ts).
import { connect, serve, type Server } from 'wsrun/ws';

let server: Server;

beforeAll(async () => {
  // A tiny echo server that greets every client.
  server = await serve({ path: '/echo' }, (conn) => {
    conn.send({ type: 'welcome' });
    conn.on('message', (msg) => conn.send({ type: 'echo', msg }));
  });
});

afterAll(() => server.close());

test('the server greets, then echoes what it gets', async () => {
  const client = await connect(server.url, { name: 'client' });
  await client.expect({ type: 'welcome' });

  const reply = await client.request({ text: 'hi' }, { type: 'echo' });
  expect(reply.msg).toEqual({ text: 'hi' });

  // Nothing else arrives.
  await client.expectNone(undefined, { within: 100 });
});
`

// initTSConfig makes editors and tsc see test files as wsrun does: every file a module,
// imports resolved as a bundler does, no DOM or Node.js globals (wsrun.d.ts declares the
// globals that exist).
const initTSConfig = `{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2022"],
    "types": [],
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "moduleDetection": "force",
    "resolveJsonModule": true,
    "allowImportingTsExtensions": true,
    "isolatedModules": true,
    "allowJs": true,
    "checkJs": false,
    "strict": true,
    "noEmit": true
  },
  "include": ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.js", "**/*.mjs", "**/*.cjs"],
  "exclude": ["node_modules"]
}
`

// initJSConfig is for editors that look for jsconfig.json in JavaScript projects.
const initJSConfig = `{
  "extends": "./tsconfig.json"
}
`

// initFile is a file `wsrun init` writes.
type initFile struct{ name, text string }

var initFiles = []initFile{
	{"example.test.ts", initExample},
	{"wsrun.d.ts", types.Declarations},
	{"tsconfig.json", initTSConfig},
	{"jsconfig.json", initJSConfig},
}

// runInit is `wsrun init [dir]`. It writes nothing when any of its files exists already,
// and then exits with 1 naming them; bad arguments exit with 2.
func runInit(args []string, s streams) int {
	var dirs []string
	for _, a := range args {
		switch {
		case a == "-h" || a == "--help":
			fmt.Fprint(s.out, initUsage)
			return exitOK
		case strings.HasPrefix(a, "-") && a != "-":
			fmt.Fprintf(s.err, "wsrun init: unknown flag %s\n\n%s", a, initUsage)
			return exitUsage
		}
		dirs = append(dirs, a)
	}
	if len(dirs) > 1 {
		fmt.Fprintf(s.err, "wsrun init: one directory at most, got %d\n\n%s", len(dirs), initUsage)
		return exitUsage
	}
	dir := "."
	if len(dirs) == 1 {
		dir = dirs[0]
	}
	var exist []string
	for _, f := range initFiles {
		_, err := os.Lstat(filepath.Join(dir, f.name))
		if err == nil {
			exist = append(exist, filepath.Join(dir, f.name))
		} else if !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(s.err, "wsrun init: %v\n", err)
			return exitFailed
		}
	}
	if len(exist) > 0 {
		fmt.Fprintf(s.err, "wsrun init: not overwriting %s; nothing was written\n", strings.Join(exist, ", "))
		return exitFailed
	}
	// package.json is read before anything is written, so that one init cannot fix is refused
	// with nothing half done.
	pkg, err := planScript(dir)
	if err != nil {
		fmt.Fprintf(s.err, "wsrun init: %v; nothing was written\n", err)
		return exitFailed
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(s.err, "wsrun init: %v\n", err)
		return exitFailed
	}
	for _, f := range initFiles {
		path := filepath.Join(dir, f.name)
		if err := writeNew(path, f.text); err != nil {
			fmt.Fprintf(s.err, "wsrun init: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(s.out, "wrote %s\n", path)
	}
	if pkg.path == "" {
		run := "wsrun"
		if dir != "." {
			run += " " + shellArg(dir)
		}
		fmt.Fprintf(s.out, "\nRun the example with: %s\n", run)
		return exitOK
	}
	run := "npm run " + npmScript
	if pkg.existing != nil {
		fmt.Fprintf(s.out, "%s has a %q script already (%q); left as it is\n", pkg.path, npmScript, *pkg.existing)
		run = "npx " + pkg.command
	} else {
		if err := safefile.WriteFile(pkg.path, pkg.edited); err != nil {
			fmt.Fprintf(s.err, "wsrun init: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(s.out, "added \"%s\": %q to the scripts of %s\n", npmScript, pkg.command, pkg.path)
	}
	fmt.Fprintln(s.out)
	if _, err := os.Stat(filepath.Join(filepath.Dir(pkg.path), "node_modules", "@wsrun", "cli", "package.json")); err != nil {
		fmt.Fprintf(s.out, "Install wsrun in this project with: %s\n", npmInstall)
	}
	fmt.Fprintf(s.out, "Run the example with: %s\n", run)
	return exitOK
}

// scriptPlan is what init does to a package.json: path is "" when there is none.
type scriptPlan struct {
	path, command string
	existing      *string // the test:ws script package.json has already, if any
	edited        []byte  // package.json with the script added
}

// planScript finds the package.json of dir, or else of the current directory when dir lies
// inside it (npm runs scripts in package.json's directory, so the script names dir then),
// and prepares the script.
func planScript(dir string) (scriptPlan, error) {
	plan := scriptPlan{path: filepath.Join(dir, "package.json"), command: "wsrun"}
	data, err := os.ReadFile(plan.path)
	if errors.Is(err, fs.ErrNotExist) && dir != "." {
		rel, relErr := filepath.Rel(".", dir)
		if filepath.IsAbs(dir) {
			cwd, cwdErr := os.Getwd()
			if cwdErr != nil {
				return scriptPlan{}, nil
			}
			rel, relErr = filepath.Rel(cwd, dir)
		}
		if relErr != nil || !filepath.IsLocal(rel) {
			return scriptPlan{}, nil
		}
		plan = scriptPlan{path: "package.json", command: "wsrun " + shellArg(filepath.ToSlash(rel))}
		data, err = os.ReadFile(plan.path)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return scriptPlan{}, nil
	case err != nil:
		return scriptPlan{}, err
	}
	plan.edited, plan.existing, err = addScript(data, npmScript, plan.command)
	if err != nil {
		return scriptPlan{}, fmt.Errorf("%s %v (add \"%s\": %q to its scripts by hand)", plan.path, err, npmScript, plan.command)
	}
	return plan, nil
}

// writeNew creates path with text, failing if it exists (another process may have made it
// since the check).
func writeNew(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// shellArg quotes a path for the shell npm runs scripts in (sh, or cmd.exe on Windows), and
// for the command init tells the user to type: "wsrun my tests" would name two paths. Double
// quotes suit both shells when the path holds nothing either expands in them; else single
// quotes, which only sh reads.
func shellArg(p string) string {
	if strings.HasPrefix(p, "-") {
		p = "./" + p // not a flag
	}
	plain := p != ""
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./:@+=,-", r)) {
			plain = false
			break
		}
	}
	switch {
	case plain:
		return p
	case !strings.ContainsAny(p, "\"$`\\%!\n"):
		return `"` + p + `"`
	}
	return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
}
