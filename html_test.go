package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/internal/goldentest"
)

var (
	pageDataRe = regexp.MustCompile(`(?s)<script id="wsrun-data" type="application/json">(.*?)</script>`)
	portRe     = regexp.MustCompile(`127\.0\.0\.1:\d+`)
)

// TestHTMLReportThroughTheBinary runs the failing chat of testdata/html with -r html and
// compares the page's data, times and ports masked, with a golden file: the diagram's lanes,
// rows and waits as a real run produces them. The page itself is checked in Chromium by
// .ci/html.sh, and its markup by runtime/report's golden.
func TestHTMLReportThroughTheBinary(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	cmd := exec.Command(binary(t), "--color", "never", "-r", "html="+page, filepath.Join("testdata", "html"))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit %v, want 1 (one test fails on purpose)\n%s", err, out)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if strings.Count(text, "<script") != 2 || strings.Contains(text, "<script>alert") || strings.Contains(text, "<img src=x") {
		t.Errorf("the page holds a payload's markup unescaped")
	}
	// Nothing to load: the only URL is SVG's namespace, which is a name.
	if u := regexp.MustCompile(`https?://\S{0,40}`).FindString(strings.ReplaceAll(text, `"http://www.w3.org/2000/svg"`, "")); u != "" {
		t.Errorf("the page names a URL it could load: %s", u)
	}
	m := pageDataRe.FindStringSubmatch(text)
	if m == nil {
		t.Fatal("no data in the page")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(m[1]), &doc); err != nil {
		t.Fatalf("the page's data does not parse: %v", err)
	}
	maskTimesAndPorts(doc)
	// Which of two quick tests is slower is chance: the list is compared by name.
	sum := doc["summary"].(map[string]any)
	slow := sum["slowest"].([]any)
	slices.SortFunc(slow, func(a, b any) int {
		return strings.Compare(a.(map[string]any)["name"].(string), b.(map[string]any)["name"].(string))
	})
	for _, f := range doc["files"].([]any) {
		for _, tt := range f.(map[string]any)["tests"].([]any) {
			if d, ok := tt.(map[string]any)["diagram"].(map[string]any); ok {
				orderFree(d)
			}
		}
	}
	var got strings.Builder
	enc := json.NewEncoder(&got)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	goldentest.Check(t, filepath.Join("testdata", "html", "chat.data.golden.json"), got.String())
}

// orderFree rewrites a diagram so that it compares equal whichever of two simultaneous
// entries (a client's open and its server's welcome) came first: rows become sorted lines,
// waits lose their row numbers, the focus names its row. runtime/report's tests check the
// order itself.
func orderFree(d map[string]any) {
	lanes := d["lanes"].([]any)
	name := func(i any) string { return lanes[int(i.(float64))].(map[string]any)["name"].(string) }
	var rows []string
	for _, r := range d["rows"].([]any) {
		r := r.(map[string]any)
		rows = append(rows, fmt.Sprintf("%s %s>%s %v", r["kind"], name(r["from"]), name(r["to"]), r["data"]))
	}
	if f := int(d["focus"].(float64)); f >= 0 {
		d["focus"] = rows[f]
	}
	slices.Sort(rows)
	d["rows"] = rows
	for _, w := range d["waits"].([]any) {
		w := w.(map[string]any)
		delete(w, "from")
		delete(w, "to")
		w["lane"] = name(w["lane"])
	}
}

// maskTimesAndPorts zeroes times and ports, which change from run to run.
func maskTimesAndPorts(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if _, isNum := x.(float64); isNum && k == "ms" {
				v[k] = 0
				continue
			}
			if s, ok := x.(string); ok {
				v[k] = portRe.ReplaceAllString(s, "127.0.0.1:PORT")
				continue
			}
			maskTimesAndPorts(x)
		}
	case []any:
		for i, x := range v {
			if s, ok := x.(string); ok {
				v[i] = portRe.ReplaceAllString(s, "127.0.0.1:PORT")
				continue
			}
			maskTimesAndPorts(x)
		}
	}
}
