package argcheck

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// Kind is what a value must be.
type Kind uint8

// The kinds of values the API takes.
const (
	Any            Kind = iota
	Number              // a finite number
	Integer             // a whole number
	Duration            // a finite number of ms, 0 or more
	Count               // a whole number, 0 or more (sizes, counts, ports)
	String              // a string
	Bool                // true or false
	Object              // an object that is not a function or an array
	Function            // a function
	Strings             // an array of strings
	StringOrRegExp      // a string or a RegExp
	Scalars             // an object whose values are strings, numbers or booleans (headers, query)
	Signal              // an object, which web.SignalOf then checks is an AbortSignal
)

// what says what a kind takes, for messages.
var what = [...]string{
	Any:            "any value",
	Number:         "a number",
	Integer:        "a whole number",
	Duration:       "a number of ms (0 or more)",
	Count:          "a whole number (0 or more)",
	String:         "a string",
	Bool:           "true or false",
	Object:         "an object",
	Function:       "a function",
	Strings:        "an array of strings",
	StringOrRegExp: "a string or a RegExp",
	Scalars:        "an object of strings, numbers or booleans",
	Signal:         "an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms))",
}

// Takes says what a kind takes, for messages: "a number of ms (0 or more)".
func (k Kind) Takes() string { return what[k] }

// Accepts reports whether v is of kind k. It allocates nothing.
func (k Kind) Accepts(v goja.Value) bool {
	switch k {
	case Any:
		return true
	case Number:
		return goja.IsNumber(v) && !goja.IsNaN(v) && !goja.IsInfinity(v)
	case Integer:
		return goja.IsNumber(v) && isWhole(v.ToFloat())
	case Duration:
		return goja.IsNumber(v) && !goja.IsNaN(v) && !goja.IsInfinity(v) && v.ToFloat() >= 0
	case Count:
		return goja.IsNumber(v) && isWhole(v.ToFloat()) && v.ToFloat() >= 0
	case String:
		return goja.IsString(v)
	case Bool:
		return isBool(v)
	case Object:
		o, ok := v.(*goja.Object)
		if !ok {
			return false
		}
		switch o.ClassName() {
		case "Array", "Function", "RegExp":
			return false
		}
		if o.ExportType() == promiseType {
			return false
		}
		_, isFn := goja.AssertFunction(o)
		return !isFn
	case Function:
		_, ok := goja.AssertFunction(v)
		return ok
	case Strings:
		o, ok := v.(*goja.Object)
		if !ok || o.ClassName() != "Array" {
			return false
		}
		n := o.Get("length").ToInteger()
		for i := int64(0); i < n; i++ {
			if !goja.IsString(o.Get(strconv.FormatInt(i, 10))) {
				return false
			}
		}
		return true
	case StringOrRegExp:
		if goja.IsString(v) {
			return true
		}
		o, ok := v.(*goja.Object)
		return ok && o.ClassName() == "RegExp"
	case Scalars:
		return Object.Accepts(v) && badScalar(v.(*goja.Object)) == ""
	case Signal:
		return Object.Accepts(v)
	}
	return false
}

func isWhole(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) && f == math.Trunc(f) }

// badScalar returns the first key of o whose value is not a string, number or boolean.
func badScalar(o *goja.Object) string {
	for _, k := range o.Keys() {
		v := o.Get(k)
		if v == nil || !(goja.IsString(v) || goja.IsNumber(v) || isBool(v)) {
			return k
		}
	}
	return ""
}

// Key is one option an options object may have.
type Key struct {
	Name string
	Kind Kind
	// OneOf, if set, lists the strings a String option may be; a near miss gets a "did you
	// mean".
	OneOf []string
	// Sub, if set, checks an Object option's own keys (tls: { ca, cert, key }).
	Sub *Options
}

// Options describes the options object of one function.
type Options struct {
	Func    string // the function as messages name it: "expect", "ws.connect"
	Example string // a typical options object, shown when something else was given
	Keys    []Key
}

// Check returns v as an options object, or nil when it is undefined or null. Anything else
// than an object, an unknown key or a value of the wrong kind throws a TypeError (a panic
// with the JS error, which goja throws into the script).
func (s *Options) Check(vm *goja.Runtime, v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	o, ok := v.(*goja.Object)
	if !ok || !Object.Accepts(v) {
		Throw(vm, "%s takes options like %s, got %s", s.Func, s.example(v), Describe(v))
	}
	s.checkKeys(vm, o, "")
	return o
}

// checkKeys checks the keys of o; prefix names a nested object ("tls.").
func (s *Options) checkKeys(vm *goja.Runtime, o *goja.Object, prefix string) {
	for _, name := range o.Keys() {
		k := s.key(name)
		if k == nil {
			s.unknown(vm, prefix, name)
		}
		v := o.Get(name)
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			continue // as if left out: { timeout: undefined } is how optional values are passed on
		}
		if !k.Kind.Accepts(v) {
			s.badValue(vm, prefix+name, k, v)
		}
		if len(k.OneOf) > 0 {
			if str := v.String(); !contains(k.OneOf, str) {
				Throw(vm, "%s: option %s%s must be one of %s, got %s%s", s.Func, prefix, name, quoteAll(k.OneOf), Describe(v), didYouMean(str, k.OneOf))
			}
		}
		if k.Sub != nil {
			k.Sub.checkKeys(vm, v.(*goja.Object), prefix+name+".")
		}
	}
}

func (s *Options) key(name string) *Key {
	for i := range s.Keys {
		if s.Keys[i].Name == name {
			return &s.Keys[i]
		}
	}
	return nil
}

// Names returns the option names, in order.
func (s *Options) Names() []string {
	names := make([]string, len(s.Keys))
	for i, k := range s.Keys {
		names[i] = k.Name
	}
	return names
}

func (s *Options) unknown(vm *goja.Runtime, prefix, name string) {
	names := s.Names()
	if c := Closest(name, names); c != "" {
		Throw(vm, "%s: unknown option %q; did you mean %q?", s.Func, prefix+name, prefix+c)
	}
	Throw(vm, "%s: unknown option %q; the options are %s", s.Func, prefix+name, strings.Join(names, ", "))
}

func (s *Options) badValue(vm *goja.Runtime, name string, k *Key, v goja.Value) {
	if k.Kind == Scalars && Object.Accepts(v) {
		bad := badScalar(v.(*goja.Object))
		Throw(vm, "%s: option %s.%s must be a string, number or boolean, got %s", s.Func, name, bad, Describe(v.(*goja.Object).Get(bad)))
	}
	Throw(vm, "%s: option %s must be %s, got %s", s.Func, name, k.Kind.Takes(), Describe(v))
}

// example is the options object to show when v was given instead: v under the first key
// that takes it ({ code: 4001 } for 4001), else the Example.
func (s *Options) example(v goja.Value) string {
	for _, k := range s.Keys {
		if k.Kind != Any && k.Kind != Object && k.Kind.Accepts(v) {
			return "{ " + k.Name + ": " + literal(v) + " }"
		}
	}
	return s.Example
}

// literal writes a primitive as in source code.
func literal(v goja.Value) string {
	if goja.IsString(v) {
		return strconv.Quote(v.String())
	}
	return v.String()
}

// OnlyOptionKeys reports whether v is a plain object with at least one key and only keys
// that are option names of s: a matcher that was probably meant as options. Loop goroutine
// only.
func (s *Options) OnlyOptionKeys(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	if !ok || !Object.Accepts(v) || o.ClassName() != "Object" {
		return false
	}
	keys := o.Keys()
	for _, k := range keys {
		if s.key(k) == nil {
			return false
		}
	}
	return len(keys) > 0
}

// Need throws unless v is of kind k: "<fn> takes <arg> as <what k takes>, got …".
func Need(vm *goja.Runtime, v goja.Value, k Kind, fn, arg string) {
	if v == nil {
		v = goja.Undefined()
	}
	if !k.Accepts(v) {
		Throw(vm, "%s: %s must be %s, got %s", fn, arg, k.Takes(), Describe(v))
	}
}

// OneOf returns v as a string if it is one of words; else it throws, suggesting the closest
// word: `on: unknown event "mesage"; did you mean "message"?`.
func OneOf(vm *goja.Runtime, v goja.Value, words []string, fn, what string) string {
	s, ok := v.(goja.String)
	if ok && contains(words, s.String()) {
		return s.String()
	}
	if !ok {
		Throw(vm, "%s: %s must be one of %s, got %s", fn, what, quoteAll(words), Describe(v))
	}
	if hint := didYouMean(s.String(), words); hint != "" {
		Throw(vm, "%s: unknown %s %q%s", fn, what, s.String(), hint)
	}
	Throw(vm, "%s: unknown %s %q; it must be one of %s", fn, what, s.String(), quoteAll(words))
	return ""
}

// Throw throws a TypeError with the formatted message into the script.
func Throw(vm *goja.Runtime, format string, args ...any) {
	panic(vm.NewTypeError("%s", fmt.Sprintf(format, args...)))
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

func quoteAll(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = strconv.Quote(w)
	}
	return strings.Join(q, ", ")
}

func didYouMean(word string, known []string) string {
	if c := Closest(word, known); c != "" {
		return "; did you mean " + strconv.Quote(c) + "?"
	}
	return ""
}

// Millis converts a number of ms (a Duration argument, or any number) to a time.Duration:
// NaN and negative numbers are 0, and numbers past the longest Duration (about 292 years) are
// that, where a plain conversion would wrap round to a negative time and fire at once.
func Millis(ms float64) time.Duration {
	switch {
	case math.IsNaN(ms) || ms <= 0:
		return 0
	case ms >= float64(math.MaxInt64/int64(time.Millisecond)):
		return math.MaxInt64
	}
	return time.Duration(ms * float64(time.Millisecond))
}
