// Package fetch provides a fetch() for "log in over HTTP, then connect with the token"
// scenarios: the request runs on its own goroutine with net/http, and the promise settles on
// the loop; everything else runs on the loop goroutine. A request still in flight when its
// test ends is cancelled.
package fetch

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/jsapi/web"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// maxBody bounds how much of a response body is read, so that a runaway endpoint cannot
// exhaust memory; a longer body rejects the fetch.
const maxBody = 64 << 20

// requestTimeout bounds a request that the test's own timeout does not end first.
const requestTimeout = 60 * time.Second

// Fetch is the fetch function of one VM.
type Fetch struct {
	loop      *eventloop.Loop
	vm        *goja.Runtime
	client    *http.Client
	stringify goja.Callable // JSON.stringify as it was before scripts ran
}

// Module is fetch of one VM; Insecure (--insecure) skips TLS certificate checks. Proxies come
// from HTTP_PROXY, HTTPS_PROXY and NO_PROXY. Its exports are { fetch }, which the engine makes
// a global and an export of "wsrun".
type Module struct{ Insecure bool }

// Instantiate returns { fetch }.
func (m Module) Instantiate(vu modules.VU) (goja.Value, error) {
	exports := vu.VM().NewObject()
	_ = exports.Set("fetch", newFetch(vu.Loop(), m.Insecure).Func())
	return exports, nil
}

func newFetch(loop *eventloop.Loop, insecure bool) *Fetch {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if insecure {
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked with --insecure
	}
	vm := loop.VM()
	stringify, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("stringify"))
	return &Fetch{loop: loop, vm: vm, client: &http.Client{Transport: tr, Timeout: requestTimeout}, stringify: stringify}
}

// Func returns the JS fetch function.
func (f *Fetch) Func() func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		req, sig, err := f.request(call.Argument(0), call.Argument(1))
		if err != nil {
			panic(f.vm.NewTypeError("fetch: %v", err))
		}
		return f.vm.ToValue(f.do(req, sig))
	}
}

// fetchOptions are the keys of fetch's init object that it supports.
var fetchOptions = &argcheck.Options{Func: "fetch", Example: "{ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: { user: 'alice' } }", Keys: []argcheck.Key{
	{Name: "method", Kind: argcheck.String},
	{Name: "headers", Kind: argcheck.Scalars},
	{Name: "body", Kind: argcheck.Any},
	{Name: "signal", Kind: argcheck.Signal}, // an AbortSignal, which web.SignalOf checks
}}

// request builds the HTTP request from fetch's arguments, and returns the signal it was given.
func (f *Fetch) request(urlV, initV goja.Value) (*http.Request, *web.Signal, error) {
	if o, ok := urlV.(*goja.Object); ok && goja.IsString(o.Get("href")) { // a URL object
		urlV = o.Get("href")
	}
	if !goja.IsString(urlV) {
		argcheck.Throw(f.vm, "fetch: url must be a string like \"http://127.0.0.1:8080/login\" or a URL, got %s", argcheck.Describe(urlV))
	}
	method, body, ctype := "GET", io.Reader(nil), ""
	header := http.Header{}
	var sig *web.Signal
	if init := fetchOptions.Check(f.vm, initV); init != nil {
		sig = web.SignalOf(f.vm, "fetch", init.Get("signal"))
		if m := init.Get("method"); m != nil && !goja.IsUndefined(m) {
			method = strings.ToUpper(m.String())
		}
		if h, ok := init.Get("headers").(*goja.Object); ok {
			for _, k := range h.Keys() {
				header.Set(k, h.Get(k).String())
			}
		}
		if b := init.Get("body"); b != nil && !goja.IsUndefined(b) && !goja.IsNull(b) {
			var err error
			if body, ctype, err = f.body(b); err != nil {
				return nil, nil, err
			}
		}
	}
	req, err := http.NewRequest(method, urlV.String(), body)
	if err != nil {
		return nil, nil, err
	}
	req.Header = header
	if ctype != "" && header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", ctype)
	}
	return req, sig, nil
}

// body is what fetch sends for the body option b, and its Content-Type when fetch picks it: a
// string or bytes as they are, any other value as JSON. A value JSON.stringify gives nothing
// for (a function, a Symbol, a toJSON returning undefined) is an error: it went out as "null",
// or a Symbol as its description, and the server under test was sent what the script never
// meant.
func (f *Fetch) body(b goja.Value) (io.Reader, string, error) {
	if goja.IsString(b) {
		return strings.NewReader(b.String()), "", nil
	}
	if _, ok := b.(*goja.Symbol); !ok {
		switch v := b.Export().(type) {
		case []byte:
			return bytes.NewReader(v), "", nil
		case goja.ArrayBuffer:
			return bytes.NewReader(v.Bytes()), "", nil
		}
	}
	text, err := f.stringify(goja.Undefined(), b)
	if err != nil {
		why := err.Error()
		if ex, ok := err.(*goja.Exception); ok { // its message, without a stack of Go frames
			why = ex.Value().String()
		}
		return nil, "", fmt.Errorf("body cannot be sent as JSON: %s", why)
	}
	if text == nil || goja.IsUndefined(text) {
		return nil, "", fmt.Errorf("body cannot be sent as JSON: %s has no JSON form", argcheck.Describe(b))
	}
	return strings.NewReader(text.String()), "application/json", nil
}

type result struct {
	resp *http.Response
	body []byte
	err  error
}

// do sends req on a goroutine; the returned promise settles on the loop. When sig aborts
// first, the promise rejects with its reason and the request is cancelled, as in browsers.
func (f *Fetch) do(req *http.Request, sig *web.Signal) *goja.Promise {
	p, resolve, reject := f.vm.NewPromise()
	if sig != nil && sig.Aborted() {
		_ = reject(sig.Reason())
		return p
	}
	ctx, cancel := context.WithCancel(context.Background())
	src := f.loop.Reserve(fmt.Sprintf("fetch %s %s", req.Method, req.URL), cancel)
	off := func() {}
	if sig != nil {
		off = sig.OnAbort(func(reason goja.Value) {
			_ = reject(reason)
			src.Release() // cancels the request; its Settle is then dropped
		})
	}
	go func() {
		r := result{}
		r.resp, r.err = f.client.Do(req.WithContext(ctx))
		if r.err == nil {
			r.body, r.err = io.ReadAll(io.LimitReader(r.resp.Body, maxBody+1))
			r.resp.Body.Close()
			if len(r.body) > maxBody {
				// Cut short, it read as the whole body: a check of its end, or of what it
				// lacks, could pass on the first 64 MiB.
				r.body, r.err = nil, fmt.Errorf("the response body is larger than %d bytes (64 MiB), more than fetch reads", maxBody)
			}
		}
		src.Settle(func() error {
			off()
			if r.err != nil {
				return reject(f.loop.NewError(fmt.Sprintf("fetch %s %s: %v", req.Method, req.URL, r.err)))
			}
			return resolve(f.response(r.resp, r.body))
		})
	}()
	return p
}

// response is the Response object: status, ok, statusText, url, headers.get(), text(), json().
func (f *Fetch) response(resp *http.Response, body []byte) *goja.Object {
	f.loop.MustOwn()
	vm := f.vm
	o := vm.NewObject()
	_ = o.Set("status", resp.StatusCode)
	_ = o.Set("ok", resp.StatusCode >= 200 && resp.StatusCode < 300)
	_ = o.Set("statusText", strings.TrimSpace(strings.TrimPrefix(resp.Status, fmt.Sprint(resp.StatusCode))))
	_ = o.Set("url", resp.Request.URL.String())
	headers := vm.NewObject()
	_ = headers.Set("get", func(name string) goja.Value {
		if vs := resp.Header.Values(name); len(vs) > 0 {
			return vm.ToValue(strings.Join(vs, ", "))
		}
		return goja.Null()
	})
	_ = headers.Set("has", func(name string) bool { return len(resp.Header.Values(name)) > 0 })
	_ = o.Set("headers", headers)
	text := string(body)
	_ = o.Set("text", func() *goja.Promise {
		p, res, _ := vm.NewPromise()
		_ = res(text)
		return p
	})
	_ = o.Set("json", func() *goja.Promise {
		p, res, rej := vm.NewPromise()
		parse, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
		v, err := parse(goja.Undefined(), vm.ToValue(text))
		if err != nil {
			why := err.Error()
			if ex, ok := err.(*goja.Exception); ok { // JSON.parse's own SyntaxError or RangeError: its message, without a stack
				if m := ex.Value().ToObject(vm).Get("message"); m != nil {
					why = m.String()
				}
			}
			_ = rej(f.loop.NewError(fmt.Sprintf("fetch %s: the response body is not JSON: %s", resp.Request.URL, why)))
		} else {
			_ = res(v)
		}
		return p
	})
	return o
}
