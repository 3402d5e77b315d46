package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"
	"github.com/wsrun/wsrun/runtime/record"
	"github.com/wsrun/wsrun/runtime/redact"
	"github.com/wsrun/wsrun/runtime/report"
	"github.com/wsrun/wsrun/runtime/safefile"
)

const recordUsage = `wsrun record relays WebSocket connections to a server and records them: point the app
at the listen address, use it, press Ctrl-C, and get a test that replays the session.

Usage:
  wsrun record --target URL --listen HOST:PORT [-o FILE]

Flags:
`

// runRecord is `wsrun record`. Ctrl-C (or the end of --duration) is the normal way to stop: the
// test file is written and the exit code is 0.
func runRecord(ctx context.Context, args []string, s streams) int {
	var f flags
	var target, listen, output string
	var duration time.Duration
	fs := pflag.NewFlagSet("wsrun record", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&target, "target", "", "the server's ws:// or wss:// `URL`; a client's path and query are appended to it")
	fs.StringVar(&listen, "listen", "", "the `HOST:PORT` clients connect to (port 0 picks a free one)")
	fs.StringVarP(&output, "output", "o", "recorded.test.js", "write the test to `FILE`")
	fs.DurationVar(&duration, "duration", 0, "stop recording after `DUR` (default: at Ctrl-C)")
	fs.BoolVar(&f.insecure, "insecure", false, "skip TLS certificate checks of a wss:// target")
	addRedactFlags(fs, &f)
	fs.BoolVarP(&f.help, "help", "h", false, "show this help")
	usage := func(err error) int {
		fmt.Fprintf(s.err, "wsrun record: %v\n\n%s%s", err, recordUsage, fs.FlagUsages())
		return exitUsage
	}
	if err := fs.Parse(args); err != nil {
		return usage(err)
	}
	if f.help {
		fmt.Fprint(s.out, recordUsage+fs.FlagUsages())
		return exitOK
	}
	switch {
	case fs.NArg() > 0:
		return usage(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	case target == "":
		return usage(fmt.Errorf("--target is required"))
	case listen == "":
		return usage(fmt.Errorf("--listen is required"))
	case output == "": // it would be known only after the whole session was recorded
		return usage(fmt.Errorf("-o: give the file to write the test to, e.g. -o recorded.test.js"))
	case duration < 0:
		return usage(fmt.Errorf("--duration must not be negative"))
	}
	red, err := f.redactor()
	if err == nil {
		err = safefile.Check(output)
	}
	if err != nil {
		fmt.Fprintf(s.err, "wsrun record: %v\n", err)
		return exitUsage
	}
	p, err := record.Start(record.Options{Target: target, Listen: listen, Insecure: f.insecure, Log: redactingWriter{red: red, w: s.err}})
	if err != nil { // it quotes --target, which may hold a token
		fmt.Fprintf(s.err, "wsrun record: %s\n", red.String(err.Error()))
		return exitUsage
	}
	fmt.Fprintf(s.err, "wsrun record: relaying %s to %s; press Ctrl-C to write %s\n", p.URL(), red.String(target), output)
	var timeout <-chan time.Time
	if duration > 0 {
		t := time.NewTimer(duration)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-ctx.Done():
	case <-timeout:
	}
	// The test is written first: closing the relayed connections waits for servers that do
	// not answer the close frame, and a second Ctrl-C during that wait exits at once.
	rec := p.Recording()
	err = safefile.WriteFile(output, record.Generate(rec, record.GenerateOptions{Redactor: red}))
	if err == nil {
		conns, sent, received := rec.Counts()
		fmt.Fprintf(s.err, "wsrun record: wrote %s: %s, %s sent, %d received\n", output, report.Plural(conns, "connection"), report.Plural(sent, "message"), received)
		if rec.Unrecorded > 0 {
			fmt.Fprintf(s.err, "wsrun record: %d later messages were relayed but not recorded: the recording was full\n", rec.Unrecorded)
		}
	}
	p.Close()
	if err != nil {
		fmt.Fprintf(s.err, "wsrun record: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// redactingWriter redacts each Write, which is one whole line of the proxy's log: a line
// names the server URL with a client's query, whose secrets are as secret as anywhere.
type redactingWriter struct {
	red *redact.Redactor
	w   io.Writer
}

func (r redactingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, r.red.String(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
