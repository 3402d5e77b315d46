package wsrun

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// each builds test.each / describe.each: each(table)(name, fn, options) declares one test per
// row. A row that is an array is spread into fn's arguments and fills printf directives in the
// name; a row that is an object is passed whole and fills $key and $key.path in the name. As a
// tag, each`a | b ${1} | ${2}` makes one object row per line of values, keyed by the heading.
func (a *API) each(what string, declare func(name, fn, opts goja.Value, args []goja.Value)) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		rows := a.table(what, call)
		return a.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			tmpl := a.name(what, call.Argument(0))
			for i, row := range rows {
				args := a.rowArgs(row)
				name := a.eachName(tmpl, i, row, args)
				declare(a.vm.ToValue(name), call.Argument(1), call.Argument(2), args)
			}
			return goja.Undefined()
		})
	}
}

// table reads each's rows. Jest refuses an empty table, since it would declare nothing and the
// file could pass without the tests its author wrote.
func (a *API) table(what string, call goja.FunctionCall) []goja.Value {
	tableV := call.Argument(0)
	table, ok := a.isArray(tableV)
	if !ok {
		panic(a.vm.NewTypeError("%s(table): table must be an array of rows or a tagged template, got %s", what, a.fmt(tableV)))
	}
	if raw, ok := a.isArray(table.Get("raw")); ok && raw != nil {
		return a.templateRows(what, table, call.Arguments[1:])
	}
	n := int(table.Get("length").ToInteger())
	if n == 0 {
		panic(a.vm.NewTypeError("%s(table): the table is empty, so no test would be declared", what))
	}
	rows := make([]goja.Value, n)
	for i := range rows {
		rows[i] = table.Get(strconv.Itoa(i))
	}
	return rows
}

// templateRows turns each`a | b\n ${1} | ${2}` into the rows { a: 1, b: 2 }: the first string
// holds the headings, and the values fill rows of as many cells as there are headings.
func (a *API) templateRows(what string, strs *goja.Object, values []goja.Value) []goja.Value {
	var heads []string
	for _, h := range strings.Split(strs.Get("0").String(), "|") {
		if h = strings.TrimSpace(h); h != "" {
			heads = append(heads, h)
		}
	}
	switch {
	case len(heads) == 0:
		panic(a.vm.NewTypeError("%s`…`: the first line of the template must name the columns, like `a | b | expected`", what))
	case len(values) == 0:
		panic(a.vm.NewTypeError("%s`%s`: the template has no rows of ${values}, so no test would be declared", what, strings.Join(heads, " | ")))
	case len(values)%len(heads) != 0:
		panic(a.vm.NewTypeError("%s`%s`: %d values do not fill rows of %d columns (%d missing in the last row)",
			what, strings.Join(heads, " | "), len(values), len(heads), len(heads)-len(values)%len(heads)))
	}
	rows := make([]goja.Value, len(values)/len(heads))
	for i := range rows {
		row := a.vm.NewObject()
		for j, h := range heads {
			_ = row.Set(h, values[i*len(heads)+j])
		}
		rows[i] = row
	}
	return rows
}

func (a *API) isArray(v goja.Value) (*goja.Object, bool) {
	obj, ok := v.(*goja.Object)
	return obj, ok && a.vm.InstanceOf(obj, a.vm.Get("Array").ToObject(a.vm))
}

func (a *API) rowArgs(row goja.Value) []goja.Value {
	arr, ok := a.isArray(row)
	if !ok {
		return []goja.Value{row}
	}
	n := int(arr.Get("length").ToInteger())
	args := make([]goja.Value, n)
	for i := range args {
		args[i] = arr.Get(strconv.Itoa(i))
	}
	return args
}

var keyRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$([A-Za-z_$#][\w$]*(?:\.[\w$]+)*)`) })

func (a *API) eachName(tmpl string, index int, row goja.Value, args []goja.Value) string {
	if obj, ok := row.(*goja.Object); ok {
		if _, isArr := a.isArray(row); !isArr && obj.ClassName() == "Object" {
			return keyRef().ReplaceAllStringFunc(tmpl, func(m string) string {
				path := m[1:]
				if path == "#" {
					return strconv.Itoa(index)
				}
				v := goja.Value(obj)
				for _, k := range strings.Split(path, ".") {
					o, ok := v.(*goja.Object)
					if !ok {
						return m
					}
					v = o.Get(k)
					if v == nil {
						v = goja.Undefined()
					}
				}
				return a.fmt(v)
			})
		}
	}
	return a.printf(tmpl, index, args)
}

// printf fills %s %d %i %f %j %o %p %# %% as Jest does; unused arguments are left out.
func (a *API) printf(tmpl string, index int, args []goja.Value) string {
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '%' || i+1 == len(tmpl) {
			b.WriteByte(tmpl[i])
			continue
		}
		verb := tmpl[i+1]
		switch {
		case verb == '%':
			b.WriteByte('%')
		case verb == '#':
			b.WriteString(strconv.Itoa(index))
		case strings.IndexByte("sdifjop", verb) >= 0 && len(args) > 0:
			b.WriteString(a.directive(verb, args[0]))
			args = args[1:]
		default:
			b.WriteByte('%')
			continue
		}
		i++
	}
	return b.String()
}

func (a *API) directive(verb byte, v goja.Value) string {
	switch verb {
	case 's':
		if s, ok := v.Export().(string); ok {
			return s
		}
		return a.fmt(v)
	case 'd', 'i':
		f := v.ToFloat()
		if math.IsNaN(f) {
			return "NaN"
		}
		if verb == 'i' {
			f = math.Trunc(f)
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	case 'f':
		return v.ToNumber().String()
	case 'j':
		if goja.IsUndefined(v) || goja.IsNull(v) { // ToObject would throw a TypeError
			return v.String()
		}
		b, err := v.ToObject(a.vm).MarshalJSON()
		if err != nil {
			return "[Circular]"
		}
		return string(b)
	default: // 'o', 'p'
		return a.fmt(v)
	}
}
