package engine

import (
	"strings"
	"testing"
)

// TestNestingExceeds: every shape that nests without limit is caught at a low limit, while
// code as long but flat is not. Each shape overflowed esbuild's or goja's stack at 300,000
// levels (fatal error, exit 2, no reports).
func TestNestingExceeds(t *testing.T) {
	const limit, n = 100, 1000
	r := strings.Repeat
	deep := []struct{ name, ext, src string }{
		{"not", ".js", "const x=" + r("!", n) + "true;"},
		{"parens", ".js", "const x=" + r("(", n) + "1" + r(")", n) + ";"},
		{"arrays", ".js", "const x=" + r("[", n) + r("]", n) + ";"},
		{"objects", ".js", "const x=" + r("{a:", n) + "1" + r("}", n) + ";"},
		{"arrows", ".js", "const x=" + r("a=>", n) + "1;"},
		{"ternaries", ".js", "const z=" + r("x?y:", n) + "y;"},
		{"ternaries of objects", ".js", "const z=" + r("x?{}:", n) + "{};"},
		{"assignments", ".js", "let a;" + r("a=", n) + "1;"},
		{"else if", ".js", "if(x){}" + r("else if(x){}", n) + ";"},
		{"else if without braces", ".js", "if(x)y;" + r("else if(x)y;", n)},
		{"if if", ".js", r("if(x)", n) + "y;"},
		{"for await", ".js", "async function f(){" + r("for await(const a of b)", n) + "y;}"},
		{"while", ".js", r("while(x)\n", n) + "y"},
		{"do while", ".js", r("do ", n) + "x;" + r("while(y);", n)},
		{"labels", ".js", r("a:", n) + "x;"},
		{"templates", ".js", "const x=" + r("`${", n) + "1" + r("}`", n) + ";"},
		{"tagged templates", ".js", "t" + r("``", n) + ";"},
		{"plus", ".js", "const x=1" + r("+1", n) + ";"},
		{"members", ".js", "a" + r(".a", n) + ";"},
		{"calls", ".js", "f" + r("()", n) + ";"},
		{"indexes", ".js", "a" + r("[0]", n) + ";"},
		{"new", ".js", r("new ", n) + "X;"},
		{"typeof", ".js", r("typeof ", n) + "x;"},
		{"blocks", ".js", r("{", n) + r("}", n)},
		{"functions", ".js", r("function f(){", n) + r("}", n)},
		{"without semicolons", ".js", "x=" + r("!\n", n) + "y"},
		{"regex after await is division", ".js", "await / " + r("!", n) + " 1 / 2"},
		{"division after postfix ++", ".js", "a++ / " + r("!", n) + " 1 / 2"},
		{"comment ended by a carriage return", ".js", "// x\r" + r("!", n) + "x"},
		{"comment ended by U+2028", ".js", "// x\u2028" + r("!", n) + "x"},
		{"HTML comment then a block comment", ".js", "<!-- /*\n" + r("!", n) + "x\n// */"},
		{"HTML close comment then a block comment", ".js", "x\r  --> /*\n" + r("!", n) + "x\n// */"},
		{"decrement then greater", ".js", "x = a-->" + r("!", n) + "x"},
		{"hashbang", ".js", "#!/usr/bin/env wsrun\n" + r("!", n) + "x"},
		{"json", ".json", r("[", n) + r("]", n)},
		{"json objects", ".json", r(`{"a":`, n) + "1" + r("}", n)},
		{"generic types", ".ts", "type T = " + r("Array<", n) + "number" + r(">", n) + ";"},
		{"type arguments after commas", ".ts", "type T = " + r("A<B,", n) + "C" + r(">", n) + ";"},
		{"type arguments after commas in an object type", ".ts", "let x: { a: " + r("A<B, ", n) + "C" + r(">", n) + " };"},
		{"type arguments after keys", ".ts", "let x = { k: 1, v: " + r("f<B, ", n) + "C" + r(">", n) + "() };"},
		{"unions", ".ts", "type T = 1" + r("|1", n) + ";"},
		{"array types", ".ts", "type T = number" + r("[]", n) + ";"},
		{"non-null then division", ".ts", "x! / " + r("!", n) + " 1 / 2"},
		{"conditional types", ".ts", "type T = " + r("A extends B ? C : ", n) + "D;"},
		{"class expressions", ".ts", "x = " + r("a ? class extends B implements C {} : ", n) + "0"},
		{"jsx", ".jsx", "const x=" + r("<a>", n) + r("</a>", n) + ";"},
	}
	for _, c := range deep {
		if nestingExceeds(c.src, c.ext, limit) < 0 {
			t.Errorf("%s: %d levels not caught: %.80s…", c.name, n, c.src)
		}
	}
	flat := []struct{ name, ext, src string }{
		{"statements", ".js", r("a = !b + c.d(e, [f], {g: 1});\n", n)},
		{"statements without semicolons", ".js", r("a = !b + c.d(e, [f], {g: 1})\n", n)},
		{"functions", ".js", r("function f(a) { if (a) { return a + 1 } else { return 2 } }\n", n)},
		{"if statements", ".js", r("if (a) b()\n", n)},
		{"a long sequence", ".js", "x = " + r("a(), ", n) + "b;"},
		{"a long array", ".ts", "const a: number[] = [" + r("1, ", n) + "2];"},
		// In TypeScript a ',' where no '<' was read ends the count as in JavaScript: these
		// were taken for deep at 10,000 entries.
		{"a long object literal", ".ts", "const d = {" + r("k: 'v', ", n) + "};"},
		{"a long array of arrays", ".ts", "const a = [" + r("[1, -2], ", n) + "];"},
		{"a long object after a comparison elsewhere", ".ts", "if (a < b) {}\nconst d = {" + r("k: x.y, ", n) + "};"},
		{"strings and comments", ".js", r("s = '(((' + \"[[[\" // {{{\n/* !!! */ + `((( ${ x } `\n", n)},
		{"regular expressions", ".js", r("r = /[(]/.test(s) ? /\\(/g : /x/;\n", n)},
		{"tests", ".ts", r("test('x', async () => { const r = await c.expect({ type: 'x' }); expect(r.a).toBe(1) })\n", n)},
	}
	for _, c := range flat {
		if at := nestingExceeds(c.src, c.ext, limit); at >= 0 {
			t.Errorf("%s: flat code taken for deep at %d: %.80q", c.name, at, c.src[max(0, at-40):])
		}
	}
}

// TestDataURLText: the code of an imported data: URL is scanned as esbuild reads it.
func TestDataURLText(t *testing.T) {
	for in, want := range map[string]string{
		"data:text/javascript,%21%21x":           "!!x",
		"data:text/javascript,a%zz%2":            "a%zz%2",
		"data:text/javascript;base64,ISF4":       "!!x",
		"data:application/json;base64,W1tdXQ==":  "[[]]",
		"data:application/json;base64,W1tdXQ":    "[[]]",
		"data:text/javascript;charset=utf-8,(x)": "(x)",
	} {
		if got := dataURLText(in); got != want {
			t.Errorf("dataURLText(%q) = %q, want %q", in, got, want)
		}
	}
}
