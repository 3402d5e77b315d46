package engine

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Code a script builds at run time reaches goja's parser without esbuild, so without the
// scan of nesting.go: new Function('return ' + '('.repeat(300000) + …) overflowed the
// parser's stack, a fatal error that ended the run with exit 2 and no reports (SPEC 9).
// guardFunctionConstructors puts the same scan in front of the function constructors
// (Function, and AsyncFunction and GeneratorFunction, which scripts reach through their
// prototypes' constructor), replacing each with a native constructor that has the original's
// name, length, prototype and [[Prototype]], so that instanceof and .constructor still work.
//
// eval is not guarded: goja runs a direct eval (a call spelled eval(…) whose callee is its
// own eval function) without calling any function object, so a wrapper would see only
// indirect calls, and replacing the global eval turns every direct eval into an indirect one,
// which loses the caller's scope (docs/limits.md).
func guardFunctionConstructors(vm *goja.Runtime) {
	fn := vm.Get("Function").ToObject(vm)
	guarded := guardConstructor(vm, fn, "Function")
	_ = vm.GlobalObject().DefineDataProperty("Function", guarded, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	// Function.prototype.constructor is writable, the others' are not; all are configurable.
	_ = fn.Get("prototype").ToObject(vm).DefineDataProperty("constructor", guarded, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	// goja has no async generators (esbuild lowers them to generators), so no
	// AsyncGeneratorFunction.
	samples, err := vm.RunString("[async function () {}, function* () {}]")
	if err != nil {
		return // a goja that no longer parses them; Function stays guarded
	}
	for i, name := range []string{"AsyncFunction", "GeneratorFunction"} {
		proto := samples.ToObject(vm).Get(strconv.Itoa(i)).ToObject(vm).Prototype()
		ctor := proto.Get("constructor").ToObject(vm)
		_ = proto.DefineDataProperty("constructor", guardConstructor(vm, ctor, name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
}

// guardConstructor is a constructor standing for ctor whose calls and constructions first
// convert the arguments to strings, once (a toString that answered differently the second
// time would slip past the scan), scan the code they make, and throw a RangeError when it
// nests too deeply; otherwise they go on to ctor with the strings.
func guardConstructor(vm *goja.Runtime, ctor *goja.Object, name string) *goja.Object {
	call, _ := goja.AssertFunction(ctor)
	construct, _ := goja.AssertConstructor(ctor)
	check := func(args []goja.Value) []goja.Value {
		strs := make([]goja.Value, len(args))
		// The text goja parses (builtin_function.go), so that the scan counts what it will.
		var b strings.Builder
		b.WriteString(constructorHead[name])
		for i, a := range args {
			strs[i] = a.ToString()
		}
		for i, s := range strs {
			if i == len(strs)-1 {
				break
			}
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(s.String())
		}
		b.WriteString("\n) {\n")
		if len(strs) > 0 {
			b.WriteString(strs[len(strs)-1].String())
		}
		b.WriteString("\n})")
		if at := nestingExceeds(b.String(), "", maxNesting); at >= 0 {
			at = max(at-len(constructorHead[name]), 0)
			rangeError, err := vm.New(vm.Get("RangeError"), vm.ToValue(runtimeTooDeep(name, at)))
			if err != nil {
				panic(err)
			}
			panic(rangeError)
		}
		return strs
	}
	guarded := vm.ToValue(func(c goja.ConstructorCall) *goja.Object {
		args := check(c.Arguments)
		if c.NewTarget == nil { // called, not constructed
			v, err := call(c.This, args...)
			if err != nil {
				panic(err)
			}
			return v.ToObject(vm)
		}
		o, err := construct(c.NewTarget, args...)
		if err != nil {
			panic(err)
		}
		return o
	}).ToObject(vm)
	_ = guarded.SetPrototype(ctor.Prototype())
	_ = guarded.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = guarded.DefineDataProperty("length", vm.ToValue(1), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = guarded.DefineDataProperty("prototype", ctor.Get("prototype"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	return guarded
}

// constructorHead is how goja starts the text it parses for each function constructor.
var constructorHead = map[string]string{
	"Function":          "(function anonymous(",
	"AsyncFunction":     "(async function anonymous(",
	"GeneratorFunction": "(function* anonymous(",
}

// runtimeTooDeep is the message for code given to the constructor name that nests too deeply
// at byte offset at of its parameters (joined by commas), a line break and its body.
func runtimeTooDeep(name string, at int) string {
	return fmt.Sprintf("nested too deeply: the code given to %s nests brackets, expressions or statements more than %d levels deep "+
		"(at offset %d of its parameters and body), more than wsrun parses (its parser would overflow its stack); "+
		"split the expression or build the value without generating code", name, maxNesting, at)
}
