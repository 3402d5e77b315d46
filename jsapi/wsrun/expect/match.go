package expect

import (
	"math"
	"reflect"
	"strconv"

	"github.com/dop251/goja"
)

// The Go fast path of Matches. A ws test checks every incoming message against the
// patterns it waits for, and goja interprets the JS equals at a few microseconds per
// property, so the common shapes (plain objects, arrays, primitives, asymmetric
// matchers as patterns) are decided here, reading the values through goja's object API.
// Anything else (Dates, Maps, class instances, symbol keys, asymmetric matchers on the
// received side, deep nesting, a throwing getter) makes the fast path give up, and the
// JS equals decides the whole pair, so both paths always agree.

// maxFastDepth is how deep the fast path follows nested patterns before giving up; it
// also keeps cyclic patterns from recursing forever.
const maxFastDepth = 8

type verdict int8

const (
	undecided verdict = iota
	matched
	mismatched
)

func verdictOf(ok bool) verdict {
	if ok {
		return matched
	}
	return mismatched
}

// protos are the built-in prototypes the fast path recognises, captured at New before
// any user code runs.
type protos struct {
	object *goja.Object
	array  *goja.Object
}

func newProtos(vm *goja.Runtime) protos {
	proto := func(name string) *goja.Object {
		return vm.Get(name).ToObject(vm).Get("prototype").ToObject(vm)
	}
	return protos{object: proto("Object"), array: proto("Array")}
}

// fastMatch decides Matches(pattern, value) in Go when it can. The error is one thrown
// by an asymmetric matcher.
func (e *Expect) fastMatch(pattern, value goja.Value) (v verdict, err error) {
	if ex := e.vm.Try(func() { v, err = e.fast(pattern, value, 0) }); ex != nil {
		// A getter threw; let the JS path run into it and report it.
		return undecided, nil
	}
	return v, err
}

func (e *Expect) fast(pattern, value goja.Value, depth int) (verdict, error) {
	p, pIsObj := pattern.(*goja.Object)
	v, vIsObj := value.(*goja.Object)
	if !pIsObj {
		if vIsObj {
			if isAsymmetricObject(v) {
				return undecided, nil
			}
			return mismatched, nil
		}
		return verdictOf(sameValue(pattern, value)), nil
	}
	if depth > maxFastDepth {
		return undecided, nil
	}
	if m, ok := goja.AssertFunction(p.Get("asymmetricMatch")); ok {
		if vIsObj && isAsymmetricObject(v) {
			return undecided, nil // two matchers compare structurally
		}
		res, err := m(p, value)
		if err != nil {
			return mismatched, err
		}
		return verdictOf(res.ToBoolean()), nil
	}
	if !vIsObj {
		// A pattern object never matches a primitive; JS checks the same way.
		if isPlain(p, e.protos.object) || isPlainArray(p, e.protos.array) {
			return mismatched, nil
		}
		return undecided, nil
	}
	if isAsymmetricObject(v) {
		return undecided, nil
	}
	switch {
	case isPlain(p, e.protos.object):
		return e.fastObject(p, v, depth)
	case isPlainArray(p, e.protos.array):
		return e.fastArray(p, v, depth)
	}
	return undecided, nil
}

// fastObject is toMatchObject on a plain pattern object: each of its keys must be a
// property of v (own or inherited, short of Object.prototype) and match.
func (e *Expect) fastObject(p, v *goja.Object, depth int) (verdict, error) {
	if _, isFunc := goja.AssertFunction(v); isFunc {
		return mismatched, nil
	}
	if len(p.Symbols()) > 0 {
		return undecided, nil
	}
	for _, k := range p.Keys() {
		if e.protos.object.Get(k) != nil {
			return undecided, nil // "toString" and friends: JS knows where to stop looking
		}
		got := v.Get(k)
		if got == nil {
			return mismatched, nil
		}
		if r, err := e.fast(p.Get(k), got, depth+1); r != matched {
			return r, err
		}
	}
	return matched, nil
}

// fastArray matches arrays element by element; lengths must be equal.
func (e *Expect) fastArray(p, v *goja.Object, depth int) (verdict, error) {
	if v.ClassName() != "Array" {
		return undecided, nil
	}
	n := p.Get("length").ToInteger()
	if v.Get("length").ToInteger() != n {
		return mismatched, nil
	}
	for i := int64(0); i < n; i++ {
		k := strconv.FormatInt(i, 10)
		if r, err := e.fast(orUndefined(p.Get(k)), orUndefined(v.Get(k)), depth+1); r != matched {
			return r, err
		}
	}
	return matched, nil
}

func isPlain(o, objectProto *goja.Object) bool {
	return o.ClassName() == "Object" && o.Prototype() == objectProto
}

func isPlainArray(o, arrayProto *goja.Object) bool {
	return o.ClassName() == "Array" && o.Prototype() == arrayProto
}

func isAsymmetricObject(o *goja.Object) bool {
	_, ok := goja.AssertFunction(o.Get("asymmetricMatch"))
	return ok
}

// sameValue is Object.is for primitives.
func sameValue(a, b goja.Value) bool {
	if a.StrictEquals(b) {
		if isNumber(a) && a.ToFloat() == 0 {
			return math.Signbit(a.ToFloat()) == math.Signbit(b.ToFloat())
		}
		return true
	}
	return isNumber(a) && isNumber(b) && math.IsNaN(a.ToFloat()) && math.IsNaN(b.ToFloat())
}

func isNumber(v goja.Value) bool {
	t := v.ExportType()
	return t != nil && (t.Kind() == reflect.Int64 || t.Kind() == reflect.Float64)
}
