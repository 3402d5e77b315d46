package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests of the @wsrun/cli command (npm/cli/bin/wsrun), a Node.js script that runs the binary
// of the platform package. They lay out node_modules as npm installs it, from the templates
// under npm/ and the binary built from this checkout; .ci/npm.sh checks the real tarballs.

const npmVersion = "1.2.3-test"

// npmPlatform is this machine's platform package's suffix, as Node.js names it.
func npmPlatform(t *testing.T) string {
	t.Helper()
	os, arch := runtime.GOOS, runtime.GOARCH
	if os == "windows" {
		os = "win32"
	}
	if arch == "amd64" {
		arch = "x64"
	}
	p := os + "-" + arch
	switch p {
	case "linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64":
		return p
	}
	t.Skipf("the shim tests run on linux and darwin; %s has no platform package or no POSIX signals", p)
	return ""
}

// nodeOrSkip finds node, which CI installs (.ci/servers/node.sh): there, a missing node fails.
func nodeOrSkip(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("WSRUN_REAL_SERVERS") == "1" {
			t.Fatal("node is not installed; .ci/servers/node.sh installs it")
		}
		t.Skip("node is not installed")
	}
	return node
}

// fillTemplate reads a package.json template under npm/ as npm/pack.sh fills it.
func fillTemplate(t *testing.T, path, platform string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	os, cpu, _ := strings.Cut(platform, "-")
	return []byte(strings.NewReplacer("__VERSION__", npmVersion, "__PLATFORM__", platform,
		"__OS__", os, "__CPU__", cpu, "__EXE__", "wsrun").Replace(string(data)))
}

// npmProject lays out a project with @wsrun/cli installed and, unless platform is "", the
// platform package of that name holding the binary; it returns the project's directory and
// the path of the command.
func npmProject(t *testing.T, platform string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	cli := filepath.Join(dir, "node_modules", "@wsrun", "cli")
	shim, err := os.ReadFile(filepath.Join("npm", "cli", "bin", "wsrun"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(cli, "bin", "wsrun"), shim, 0o755)
	write(t, filepath.Join(cli, "package.json"), fillTemplate(t, filepath.Join("npm", "cli", "package.json"), ""), 0o644)
	if platform != "" {
		pkg := filepath.Join(dir, "node_modules", "@wsrun", platform)
		write(t, filepath.Join(pkg, "package.json"), fillTemplate(t, filepath.Join("npm", "platform", "package.json"), platform), 0o644)
		bin, err := os.ReadFile(binary(t))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(pkg, "bin", "wsrun"), bin, 0o755)
	}
	return dir, filepath.Join(cli, "bin", "wsrun")
}

func write(t *testing.T, path string, data []byte, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, mode); err != nil {
		t.Fatal(err)
	}
}

// TestNPMCommandWithoutItsBinary: each way the platform package can be missing or wrong gets
// its own explanation and fix, and exit code 2, never a Node.js stack trace.
func TestNPMCommandWithoutItsBinary(t *testing.T) {
	node, host := nodeOrSkip(t), npmPlatform(t)
	other := "linux-arm64"
	if host == other {
		other = "linux-x64"
	}
	for _, c := range []struct {
		name      string
		installed string
		edit      func(t *testing.T, dir string)
		want      []string
	}{
		{"optional dependency left out", "", nil, []string{
			"the package @wsrun/" + host + ", which holds the wsrun binary for this platform, is not installed",
			"--omit=optional", "npm install -D @wsrun/cli@" + npmVersion + " --include=optional",
			"npm install -D @wsrun/" + host + "@" + npmVersion}},
		{"another machine's node_modules", other, nil, []string{
			"this machine needs the package @wsrun/" + host + ", but @wsrun/" + other + " is installed instead"}},
		{"another release", host, func(t *testing.T, dir string) {
			p := filepath.Join(dir, "node_modules", "@wsrun", host, "package.json")
			data, _ := os.ReadFile(p)
			write(t, p, bytes.Replace(data, []byte(npmVersion), []byte("0.0.9"), 1), 0o644)
		}, []string{"@wsrun/cli is " + npmVersion + " but @wsrun/" + host + " is 0.0.9"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, shim := npmProject(t, c.installed)
			if c.edit != nil {
				c.edit(t, dir)
			}
			cmd := exec.Command(node, shim, "--version")
			cmd.Dir = dir
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if code := cmd.ProcessState.ExitCode(); code != 2 {
				t.Errorf("exit %d (%v), want 2", code, err)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			if strings.Contains(stderr.String(), "    at ") || stdout.Len() > 0 {
				t.Errorf("stack trace or output:\n%s%s", stdout.String(), stderr.String())
			}
		})
	}
}

// TestNPMCommandRunsTheBinary: arguments, output and the exit code pass through the shim.
func TestNPMCommandRunsTheBinary(t *testing.T) {
	node, host := nodeOrSkip(t), npmPlatform(t)
	dir, shim := npmProject(t, host)
	fixtures, _ := filepath.Abs(filepath.Join("testdata", "npm"))
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--version"}, 0, "wsrun "},
		{[]string{"--color", "never", filepath.Join(fixtures, "fails.test.js")}, 1, "Tests: 0 passed, 1 failed"},
		{[]string{"--no-such-flag"}, 2, "unknown flag: --no-such-flag"},
	} {
		cmd := exec.Command(node, append([]string{shim}, c.args...)...)
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		if code := cmd.ProcessState.ExitCode(); code != c.code || !strings.Contains(string(out), c.want) {
			t.Errorf("%s: exit %d, want %d and %q in:\n%s", c.args, code, c.code, c.want, out)
		}
	}
}

// TestNPMCommandPassesSignalsOn interrupts a run the two ways it happens: a Ctrl-C, which the
// terminal sends to the whole process group (node and wsrun both get it, and node passes its
// copy on), and a kill of the node process alone. Either way wsrun stops gracefully once: its
// afterAll hook runs, and the exit code is 130.
func TestNPMCommandPassesSignalsOn(t *testing.T) {
	node, host := nodeOrSkip(t), npmPlatform(t)
	dir, shim := npmProject(t, host)
	started := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
	}))
	defer srv.Close()
	fixture, _ := filepath.Abs(filepath.Join("testdata", "npm", "interrupt.test.js"))
	for _, c := range []struct {
		name  string
		group bool
		sig   syscall.Signal
	}{{"Ctrl-C to the group", true, syscall.SIGINT}, {"SIGTERM to node", false, syscall.SIGTERM}, {"SIGINT to node", false, syscall.SIGINT}} {
		t.Run(c.name, func(t *testing.T) {
			report := filepath.Join(t.TempDir(), "report.json")
			cmd := exec.Command(node, shim, "--color", "never", "-r", "pretty", "-r", "json="+report, fixture)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "STARTED_URL="+srv.URL)
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-started:
			case <-done:
				t.Fatalf("ended before the test started:\n%s", out.String())
			case <-time.After(20 * time.Second):
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				t.Fatalf("the test did not start:\n%s", out.String())
			}
			pid := cmd.Process.Pid
			if c.group {
				pid = -pid
			}
			if err := syscall.Kill(pid, c.sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				<-done
				t.Fatalf("did not stop after %v:\n%s", c.sig, out.String())
			}
			if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
				t.Errorf("exit %d, want %d:\n%s", code, exitInterrupted, out.String())
			}
			for _, w := range []string{"Error: afterAll ran", "the run was interrupted"} {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if strings.Contains(out.String(), "interrupted again") {
				t.Errorf("one interrupt was taken for two:\n%s", out.String())
			}
			var doc struct{ Summary struct{ Interrupted bool } }
			if data, err := os.ReadFile(report); err != nil || json.Unmarshal(data, &doc) != nil || !doc.Summary.Interrupted {
				t.Errorf("JSON report (%v):\n%s", err, data)
			}
		})
	}
}

// TestInterruptDeliveredTwice: the same Ctrl-C often reaches wsrun twice, milliseconds apart
// (from the terminal, and passed on by node under npm or the shim); that is one interrupt, with
// time for the hooks. A second signal sent later than signalEcho still exits at once.
func TestInterruptDeliveredTwice(t *testing.T) {
	started := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
	}))
	defer srv.Close()
	for _, c := range []struct {
		name  string
		gap   time.Duration
		again bool // wsrun should take it as a second interrupt
	}{{"echo", 20 * time.Millisecond, false}, {"second interrupt", 2 * signalEcho, true}} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(binary(t), "--color", "never", filepath.Join("testdata", "npm", "interrupt.test.js"))
			cmd.Env = append(os.Environ(), "STARTED_URL="+srv.URL)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-started:
			case <-time.After(20 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("the test did not start:\n%s", out.String())
			}
			_ = cmd.Process.Signal(syscall.SIGINT)
			time.Sleep(c.gap)
			_ = cmd.Process.Signal(syscall.SIGINT)
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("did not stop:\n%s", out.String())
			}
			ran := strings.Contains(out.String(), "Error: afterAll ran")
			again := strings.Contains(out.String(), "interrupted again; exiting at once")
			if cmd.ProcessState.ExitCode() != exitInterrupted || ran == c.again || again != c.again {
				t.Errorf("exit %d, afterAll ran %v, exited at once %v:\n%s", cmd.ProcessState.ExitCode(), ran, again, out.String())
			}
		})
	}
}

// TestNPMCommandDiesOfWsrunsSignal: when the binary dies of a signal, so does the command, as
// a shell would have reported for the binary itself. A script that kills itself stands in for
// the binary.
func TestNPMCommandDiesOfWsrunsSignal(t *testing.T) {
	node, host := nodeOrSkip(t), npmPlatform(t)
	dir, shim := npmProject(t, host)
	write(t, filepath.Join(dir, "node_modules", "@wsrun", host, "bin", "wsrun"), []byte("#!/bin/sh\nkill -TERM $$\n"), 0o755)
	cmd := exec.Command(node, shim)
	out, err := cmd.CombinedOutput()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Errorf("the command ended with %v, want death by SIGTERM:\n%s", err, out)
	}
}

// TestNPMCommandNeverPassesAfterASignal: a wsrun killed by a signal Node ignores (SIGPIPE, as
// when the pipe wsrun writes to is gone) or handles (SIGUSR1 opens Node's debugger) did not
// end the command, which exited 0, as if every test had passed.
func TestNPMCommandNeverPassesAfterASignal(t *testing.T) {
	node, host := nodeOrSkip(t), npmPlatform(t)
	for _, c := range []struct {
		sig  string
		code int
	}{{"PIPE", 128 + 13}, {"USR1", 128 + int(syscall.SIGUSR1)}} {
		dir, shim := npmProject(t, host)
		write(t, filepath.Join(dir, "node_modules", "@wsrun", host, "bin", "wsrun"), []byte("#!/bin/sh\nkill -"+c.sig+" $$\n"), 0o755)
		cmd := exec.Command(node, shim)
		out, _ := cmd.CombinedOutput()
		if got := cmd.ProcessState.ExitCode(); got != c.code || strings.Contains(string(out), "Debugger") {
			t.Errorf("wsrun died of SIG%s; the command exited %d, want %d:\n%s", c.sig, got, c.code, out)
		}
	}
}
