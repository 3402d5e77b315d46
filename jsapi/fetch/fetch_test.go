package fetch

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// script runs src with fetch and URL defined, and returns what it assigned to `result`.
func script(t *testing.T, url, src string) goja.Value {
	t.Helper()
	loop := eventloop.New(goja.New())
	vm := loop.VM()
	_ = vm.Set("fetch", newFetch(loop, false).Func())
	_ = vm.Set("URL", url)
	err := loop.Run(context.Background(), func() error {
		_, err := vm.RunString(src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return vm.Get("result")
}

func TestFetchPostsJSONAndReadsJSON(t *testing.T) {
	var gotType, gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotType = r.Header.Get("Content-Type")
		b, _ := io.ReadAll(r.Body)
		gotBody = string(b)
		w.Header().Set("X-Id", "7")
		w.WriteHeader(201)
		_, _ = w.Write([]byte(`{"token":"abc"}`))
	}))
	defer srv.Close()
	v := script(t, srv.URL, `
		fetch(URL + '/login', { method: 'post', body: { user: 'alice' } })
			.then(async (r) => { result = [r.status, r.ok, r.statusText, r.headers.get('x-id'), (await r.json()).token]; });
	`)
	if got := v.String(); got != "201,true,Created,7,abc" {
		t.Errorf("result = %s", got)
	}
	if gotType != "application/json" || gotBody != `{"user":"alice"}` {
		t.Errorf("server got %q %q", gotType, gotBody)
	}
}

func TestFetchKeepsAnExplicitContentType(t *testing.T) {
	var gotType string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotType = r.Header.Get("Content-Type")
	}))
	defer srv.Close()
	script(t, srv.URL, `fetch(URL, { method: 'POST', headers: { 'Content-Type': 'text/x-custom' }, body: { a: 1 } }).then(() => { result = 1 });`)
	if gotType != "text/x-custom" {
		t.Errorf("Content-Type = %q", gotType)
	}
}

func TestFetchRefusedRejectsWithTheURL(t *testing.T) {
	v := script(t, "http://127.0.0.1:1", `fetch(URL + '/x').catch((e) => { result = e.message; });`)
	if got := v.String(); got == "" || got == "undefined" || !strings.Contains(got, "fetch GET http://127.0.0.1:1/x") {
		t.Errorf("message = %q", got)
	}
}

func TestFetchBadJSON(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<html>")) }))
	defer srv.Close()
	v := script(t, srv.URL, `fetch(URL).then((r) => r.json()).catch((e) => { result = e.message; });`)
	if !strings.Contains(v.String(), "not JSON") {
		t.Errorf("message = %q", v.String())
	}
}
