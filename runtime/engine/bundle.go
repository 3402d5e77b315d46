package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/wsrun/wsrun/jsapi/jsmodule"
	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/report"
)

// Every test file goes through esbuild before goja sees it: esbuild strips TypeScript types,
// bundles the file's relative and node_modules imports (ES modules and CommonJS alike) into
// one CommonJS program, and lowers the few syntax features goja lacks. The built-in modules
// stay external, so the bundle's require("wsrun") reaches fileRun.require. Nothing is cached:
// bundling a test file takes a few milliseconds (see docs/modules.md).

// bundleName is the file name goja knows the bundle by. Positions in it are only seen where
// the source map has nothing better, and the runner skips them like its own stack frames.
const bundleName = internalSource

// bundleHead and bundleTail wrap the bundle in a function that receives CommonJS's exports and
// module, so the file's exports (a k6-style default function) can be read after it ran.
const (
	bundleHead = "(function (exports, module) {\n"
	bundleTail = "\n})"
)

// esbuildLoaders are the extensions esbuild knows by default and wsrun lets scripts import.
var esbuildLoaders = map[string]bool{
	".js": true, ".mjs": true, ".cjs": true, ".jsx": true,
	".ts": true, ".mts": true, ".cts": true, ".tsx": true, ".json": true,
}

// compiled is a test file ready to run: the program, the text of every original file in it
// keyed by display path, esbuild's warnings, and the absolute paths of the files it was built
// from (esbuild's metafile inputs; watch mode re-runs the file when one of them changes).
type compiled struct {
	prog     *goja.Program
	sources  map[string]string
	warnings []string
	inputs   []string
}

// bundler turns a test file into a program: a value with no state but the run's directory and
// the names of the built-in modules.
type bundler struct {
	cwd      string   // absolute
	external []string // built-in module names
}

// compile bundles the file at abs and compiles it for goja. A failure is the bundle or syntax
// error to report for the file. It may be called from any goroutine.
func (b bundler) compile(abs string) (*compiled, *report.Failure) {
	opts := b.options(abs)
	if in := opts.Stdin; in != nil {
		// A test file read as JavaScript whatever its name is not loaded through plugins.
		if msg, ok := tooDeep(abs, in.Contents); ok {
			fail := b.buildFailure([]api.Message{msg})
			fail.Message = msg.Text
			return nil, &fail
		}
	}
	res := api.Build(opts)
	if len(res.Errors) > 0 {
		fail := b.buildFailure(res.Errors)
		return nil, &fail
	}
	// The output files are picked by name: an import of a CSS file made esbuild write a
	// .css file too, which was taken for the program.
	var code, rawMap string
	outfile := opts.Outfile
	for _, out := range res.OutputFiles {
		switch out.Path {
		case outfile + ".map":
			rawMap = string(out.Contents)
		case outfile:
			code = strings.TrimSuffix(string(out.Contents), "\n")
		}
	}
	if strings.HasPrefix(code, "#!") {
		// esbuild keeps the entry's hashbang line first, where goja, inside bundleHead,
		// reads it as a syntax error. A comment keeps the lines where they are.
		code = "//" + code[2:]
	}
	var sm sourceMap
	if err := json.Unmarshal([]byte(rawMap), &sm); err != nil {
		return nil, &report.Failure{Message: "wsrun could not read esbuild's source map: " + err.Error()}
	}
	m, err := b.mapping(sm)
	if err != nil {
		return nil, &report.Failure{Message: "wsrun could not read esbuild's source map: " + err.Error()}
	}
	c := &compiled{sources: map[string]string{}, inputs: b.inputs(abs, res.Metafile)}
	for i, name := range m.sources {
		if i < len(sm.SourcesContent) {
			// Editors do not show a byte order mark, nor count it in columns (the map's
			// columns do: m.dropBOM corrects them).
			c.sources[name] = strings.TrimPrefix(sm.SourcesContent[i], "\uFEFF")
		}
	}
	for _, w := range res.Warnings {
		c.warnings = append(c.warnings, b.describe(w))
	}
	for len(m.lines) < strings.Count(code, "\n")+1 {
		m.lines = append(m.lines, nil) // esbuild leaves out trailing lines without mappings
	}
	m.densify(code, sm.SourcesContent)
	m.dropBOM(sm.SourcesContent)
	prog, fail := program(code, m)
	if fail != nil {
		return nil, fail
	}
	c.prog = prog
	return c, nil
}

// program compiles esbuild's output, wrapped in bundleHead and bundleTail, with m as its source
// map.
func program(code string, m *mapping) (*goja.Program, *report.Failure) {
	goMap, err := m.encodeForGoja(strings.Count(bundleHead, "\n"), strings.Count(bundleTail, "\n")+1)
	if err != nil {
		return nil, &report.Failure{Message: "wsrun could not write the source map: " + err.Error()}
	}
	text := bundleHead + code + bundleTail + "\n//# sourceMappingURL=wsrun-bundle.js.map"
	ast, err := parser.ParseFile(nil, bundleName, text, 0,
		parser.WithSourceMapLoader(func(string) ([]byte, error) { return goMap, nil }))
	if err != nil {
		fail := gojaFailure(err, m)
		return nil, &fail
	}
	prog, err := goja.CompileAST(ast, false)
	if err != nil {
		fail := gojaFailure(err, m)
		return nil, &fail
	}
	return prog, nil
}

// options are esbuild's build options for one test file: bundle in memory to CommonJS with an
// external source map that embeds the original sources.
func (b bundler) options(abs string) api.BuildOptions {
	opts := api.BuildOptions{
		Bundle:     true,
		Write:      false,
		Format:     api.FormatCommonJS,
		Platform:   api.PlatformNeutral,
		MainFields: []string{"module", "main"},
		Target:     api.ESNext,
		Supported:  jsmodule.GojaLacks,
		External:   b.external,
		Plugins:    []api.Plugin{b.insteadPlugin(), nestingPlugin()},
		// CSS means nothing without a DOM: an imported stylesheet (app code a test shares
		// imports its styles) is an empty module, as in Jest and Vitest.
		Loader:         map[string]api.Loader{".css": api.LoaderEmpty},
		Sourcemap:      api.SourceMapExternal,
		SourcesContent: api.SourcesContentInclude,
		AbsWorkingDir:  b.cwd,
		Outfile:        filepath.Join(b.cwd, ".wsrun-bundle.js"), // never written: Write is false
		LogLevel:       api.LogLevelSilent,
		Metafile:       true,             // its inputs are what the file imports, for watch mode
		Charset:        api.CharsetASCII, // goja's columns count bytes; the map counts UTF-16 units
		// Every import runs, as in Node.js: "sideEffects": false in a package.json, or a
		// /* @__PURE__ */ comment, would let esbuild drop an import or a call, and with it the
		// tests a shared file declares.
		IgnoreAnnotations: true,
		// Some npm packages use Node's name for the global object.
		Define: map[string]string{"global": "globalThis"},
	}
	if esbuildLoaders[strings.ToLower(filepath.Ext(abs))] {
		opts.EntryPoints = []string{abs}
		return opts
	}
	// A file named explicitly runs whatever its name (smoke.k6, a script without an
	// extension): it is read as JavaScript.
	src, err := os.ReadFile(abs)
	if err != nil {
		opts.EntryPoints = []string{abs} // esbuild reports that it cannot read it
		return opts
	}
	opts.Stdin = &api.StdinOptions{Contents: string(src), ResolveDir: filepath.Dir(abs), Sourcefile: abs, Loader: api.LoaderJS}
	return opts
}

// inputs are the absolute paths of the files esbuild read for the bundle of abs, from its
// metafile (keys relative to the working directory), abs first. A file read from stdin (a
// test file without a known extension) is abs.
func (b bundler) inputs(abs, metafile string) []string {
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	out := []string{abs}
	if json.Unmarshal([]byte(metafile), &meta) != nil {
		return out
	}
	for key := range meta.Inputs {
		if key == "<stdin>" || strings.Contains(key, ":") && !filepath.IsAbs(key) {
			continue // stdin is abs; "ns:path" is a namespace of esbuild's, not a file
		}
		p := filepath.FromSlash(key)
		if !filepath.IsAbs(p) {
			p = filepath.Join(b.cwd, p)
		}
		if p != abs {
			out = append(out, p)
		}
	}
	slices.Sort(out[1:])
	return out
}

// mapping decodes esbuild's map, naming each source by the path shown to the user.
func (b bundler) mapping(sm sourceMap) (*mapping, error) {
	lines, err := decodeMappings(sm.Mappings)
	if err != nil {
		return nil, err
	}
	m := &mapping{lines: lines}
	for _, s := range sm.Sources {
		m.sources = append(m.sources, b.display(sourcePath(s)))
	}
	return m, nil
}

// sourcePath is the file path of a source map's source, which esbuild writes as a URL:
// relative to the output file, or file:// for a file on another Windows drive.
func sourcePath(source string) string {
	u, err := url.Parse(source)
	if err != nil {
		return source
	}
	switch u.Scheme {
	case "":
		return u.Path
	case "file":
		p := u.Path
		if len(p) > 2 && p[0] == '/' && p[2] == ':' { // /C:/dir/file.ts
			p = p[1:]
		}
		return p
	}
	return source
}

// display turns a path esbuild reports (relative to the working directory, or absolute) into
// the path shown to the user.
func (b bundler) display(p string) string {
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		p = filepath.Join(b.cwd, p)
	}
	return displayPath(b.cwd, p)
}

// buildFailure reports esbuild's errors: the first with its location and code frame, the
// others listed after its message.
func (b bundler) buildFailure(errs []api.Message) report.Failure {
	first := errs[0]
	fail := report.Failure{Message: b.message(first)}
	if loc := first.Location; loc != nil && loc.File != "" {
		fail.Location = &report.Location{File: b.display(loc.File), Line: loc.Line, Column: column(loc)}
	}
	const listed = 5
	for i, e := range errs[1:] {
		if i == listed {
			fail.Message += fmt.Sprintf("\n… and %d more errors", len(errs)-1-listed)
			break
		}
		fail.Message += "\n" + b.describe(e)
	}
	return fail
}

// message is what the user reads for one esbuild error: its text, rephrased where esbuild's
// advice is about esbuild's own options, which a wsrun user does not set.
func (b bundler) message(e api.Message) string {
	text := e.Text
	switch {
	case e.PluginName == insteadPluginName || e.PluginName == nestingPluginName:
		return text
	case strings.HasPrefix(text, "Could not resolve"):
		// esbuild's notes suggest its own options (platform, external), which would not help.
		for _, n := range e.Notes {
			if strings.Contains(n.Text, "built into node") {
				name := strings.TrimPrefix(text, "Could not resolve ")
				return name + " is a Node.js built-in module, not available in wsrun: scripts run in goja, not in Node.js; " +
					"for HTTP use fetch, for WebSockets import ws from 'wsrun/ws'" + neededBy(e.Location)
			}
		}
		if name, ok := strings.CutPrefix(text, "Could not resolve "); ok && !strings.HasPrefix(name, `".`) && !strings.HasPrefix(name, `"/`) {
			return text + " (a package is looked up in the node_modules folders beside the importing file and above it: is it installed?)"
		}
		return text
	case strings.HasPrefix(text, "No loader is configured"):
		return text + " (wsrun imports JavaScript, TypeScript, JSON, .txt and .css files)"
	case strings.HasPrefix(text, "Top-level await"):
		// The same file may be a test file or a `wsrun serve` script, which has no tests.
		return "SyntaxError: top-level await is not supported in wsrun scripts; await inside a test or a beforeAll hook instead " +
			"(in a script for wsrun serve, which runs no tests: ws.serve(…).then((server) => …))"
	}
	return "SyntaxError: " + text
}

// describe is one esbuild message on one line: "file:line:col: text".
func (b bundler) describe(e api.Message) string {
	if loc := e.Location; loc != nil && loc.File != "" {
		return fmt.Sprintf("%s:%d:%d: %s", b.display(loc.File), loc.Line, column(loc), e.Text)
	}
	return e.Text
}

// column is esbuild's 0-based byte column as the 1-based character column users see.
func column(loc *api.Location) int {
	if loc.Column <= len(loc.LineText) {
		// A byte order mark is not a column, to editors.
		return utf8.RuneCountInString(strings.TrimPrefix(loc.LineText[:loc.Column], "\uFEFF")) + 1
	}
	return loc.Column + 1
}

// gojaFailure reports syntax that esbuild accepted but goja cannot compile, at its original
// position when the source map knows it.
func gojaFailure(err error, m *mapping) report.Failure {
	msg, line, col := err.Error(), 0, 0
	var list parser.ErrorList
	var one *parser.Error
	var se *goja.CompilerSyntaxError
	switch {
	case errors.As(err, &list) && len(list) > 0:
		msg, line, col = list[0].Message, list[0].Position.Line, list[0].Position.Column
	case errors.As(err, &one):
		msg, line, col = one.Message, one.Position.Line, one.Position.Column
	case errors.As(err, &se):
		msg = se.Message
		if se.File != nil {
			// The parse succeeded, so the file has its source map: the position is mapped.
			pos := se.File.Position(se.Offset)
			if !strings.HasPrefix(pos.Filename, wsrun.InternalPrefix) {
				return report.Failure{Message: "SyntaxError: " + msg + gojaLacksNote,
					Location: &report.Location{File: displayName(pos.Filename), Line: pos.Line, Column: pos.Column}}
			}
		}
	}
	fail := report.Failure{Message: "SyntaxError: " + msg + gojaLacksNote}
	if file, l, c, ok := m.lookup(line-strings.Count(bundleHead, "\n"), col); ok {
		fail.Location = &report.Location{File: file, Line: l, Column: c}
	}
	return fail
}

// gojaLacksNote follows the message of syntax that goja cannot compile.
const gojaLacksNote = " (wsrun's JavaScript engine, goja, does not support this syntax)"

// insteadPluginName names the esbuild plugin of instead in the messages it adds.
const insteadPluginName = "wsrun-instead"

// instead maps the npm packages people reach for to talk to a WebSocket server, which need
// Node.js (its http, net, events) and so cannot run in wsrun, to what to import instead.
// Installing them would only move the failure into their code (Could not resolve "http").
var instead = map[string]string{
	"ws":                         "",
	"isomorphic-ws":              "",
	"socket.io-client":           "wsrun/socketio",
	"graphql-ws":                 "wsrun/graphql",
	"subscriptions-transport-ws": "wsrun/graphql",
	"@stomp/stompjs":             "wsrun/stomp",
	"stompjs":                    "wsrun/stomp",
	"rpc-websockets":             "wsrun/jsonrpc",
}

// insteadPlugin fails an import of a package of instead, at the import, before esbuild
// looks it up, saying what to import in its place.
func (b bundler) insteadPlugin() api.Plugin {
	external := map[string]bool{}
	for _, name := range b.external {
		external[name] = true // a host program's module of the same name wins
	}
	return api.Plugin{Name: insteadPluginName, Setup: func(build api.PluginBuild) {
		build.OnResolve(api.OnResolveOptions{Filter: `^[@a-z]`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			use, ok := instead[args.Path]
			if !ok || external[args.Path] {
				return api.OnResolveResult{}, nil
			}
			text := fmt.Sprintf("%q is not available in wsrun (it needs Node.js): ", args.Path)
			if use == "" {
				text += "WebSocket clients and servers are built in: import ws from 'wsrun/ws' and use ws.connect and ws.serve (also the global ws)"
			} else {
				text += fmt.Sprintf("import from '%s' instead (docs/protocols.md)", use)
			}
			return api.OnResolveResult{Errors: []api.Message{{Text: text}}}, nil
		})
	}}
}

// neededBy names the package whose code imports a Node.js module, when it is one under
// node_modules: the user imported that package, not the module.
func neededBy(loc *api.Location) string {
	if loc == nil {
		return ""
	}
	parts := strings.Split(filepath.ToSlash(loc.File), "/")
	for i := len(parts) - 2; i >= 0; i-- {
		if parts[i] != "node_modules" {
			continue
		}
		pkg := parts[i+1]
		if strings.HasPrefix(pkg, "@") && i+2 < len(parts)-1 {
			pkg += "/" + parts[i+2]
		}
		return fmt.Sprintf(" (the package %q needs Node.js)", pkg)
	}
	return ""
}

// builtinModules are the imports esbuild leaves to fileRun.require, besides the host
// program's modules: "wsrun" and everything under "wsrun/", so that a module added to the
// engine needs no change here, and Jest's and Vitest's names for it (see aliasOf). An import of a name under "wsrun/" that is not a module fails
// when the file loads, with require's message listing the modules there are.
var builtinModules = append([]string{"wsrun", "wsrun/*"}, aliases...)
