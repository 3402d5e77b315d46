package web

import "testing"

// Cases from the URL Standard's examples and web-platform-tests' urltestdata.json, with what
// Chrome and Firefox give.
func TestURL(t *testing.T) {
	cases(t, []struct{ name, src, want string }{
		{"relative resolution", `new URL('../c', 'http://a/b/d').href`, "http://a/c"},
		{"relative query", `new URL('?y', 'http://a/b?x#f').href`, "http://a/b?y"},
		{"relative scheme", `new URL('//h2/p', 'https://h1/q').href`, "https://h2/p"},
		{"base is a URL", `new URL('x', new URL('http://a/b/')).href`, "http://a/b/x"},
		{"dot segments", `new URL('http://a/x/./y/../z/%2e%2E/w').pathname`, "/x/w"},
		{"trailing slash kept", `new URL('http://a/b/').href`, "http://a/b/"},
		{"ipv6 host", `(u => [u.host, u.hostname, u.port, u.origin].join(' '))(new URL('http://[::1]:8080/x'))`, "[::1]:8080 [::1] 8080 http://[::1]:8080"},
		{"ipv6 compressed", `new URL('http://[0:0:0:0:0:0:13.1.68.3]/').hostname`, "[::d01:4403]"},
		{"ipv4 shorthand", `new URL('http://1.2.3/').host`, "1.2.0.3"},
		{"ipv4 hex", `new URL('http://0x7f.1/').host`, "127.0.0.1"},
		{"default port dropped", `new URL('http://a:80/').href`, "http://a/"},
		{"ws default port", `new URL('wss://a:443/p').href`, "wss://a/p"},
		{"case and idna", `new URL('HTTP://EXAMPLE.COM/').href + ' ' + new URL('http://münchen.de/').host`, "http://example.com/ xn--mnchen-3ya.de"},
		{"backslashes", `new URL('http://a\\b\\c').href`, "http://a/b/c"},
		{"spaces trimmed, tabs removed", `new URL('  http://a/b\tc\n  ').href`, "http://a/bc"},
		{"percent-encoding", `new URL('http://a/a b/é?q=é b#é f').href`, "http://a/a%20b/%C3%A9?q=%C3%A9%20b#%C3%A9%20f"},
		{"lone surrogate", `new URL('http://a/\ud800').pathname`, "/%EF%BF%BD"},
		{"userinfo", `(u => u.username + ':' + u.password)(new URL('http://us er:p@ss@h/'))`, "us%20er:p%40ss"},
		{"opaque path", `(u => [u.protocol, u.pathname, u.origin].join(' '))(new URL('mailto:a@b.c'))`, "mailto: a@b.c null"},
		{"blob origin", `new URL('blob:https://a.example:8443/uuid').origin`, "https://a.example:8443"},
		{"file", `(u => u.href + ' ' + u.origin)(new URL('file:///C:/x/../y'))`, "file:///C:/y null"},
		{"searchParams reflect the query", `new URL('http://a/?x=1&y=a+b%21').searchParams.get('y')`, "a b!"},
		{"append goes into href", `(u => (u.searchParams.append('q', 'a b&c'), u.href))(new URL('http://a/p?x=1#h'))`, "http://a/p?x=1&q=a+b%26c#h"},
		{"delete the last param drops the ?", `(u => (u.searchParams.delete('x'), u.href))(new URL('http://a/?x=1'))`, "http://a/"},
		{"search setter updates searchParams", `(u => (u.search = 'z=2', u.searchParams.get('z') + ' ' + u.search))(new URL('http://a/?x=1'))`, "2 ?z=2"},
		{"href setter updates searchParams", `(u => (u.href = 'http://b/?k=v', u.searchParams.get('k')))(new URL('http://a/?x=1'))`, "v"},
		{"same searchParams object", `(u => u.searchParams === u.searchParams)(new URL('http://a/'))`, "true"},
		{"setters", `(u => { u.protocol = 'https'; u.port = '8443'; u.pathname = 'a b'; u.hash = 'x'; u.hostname = 'h2'; return u.href })(new URL('http://a/'))`, "https://h2:8443/a%20b#x"},
		{"bad port ignored", `(u => { u.port = 'x'; return u.href })(new URL('http://a:1/'))`, "http://a:1/"},
		{"invalid throws TypeError", `try { new URL('foo') } catch (e) { e instanceof TypeError && e.message }`, "Invalid URL: foo"},
		{"invalid host", `try { new URL('http://a b/') } catch (e) { e.name }`, "TypeError"},
		{"invalid ipv6", `try { new URL('http://[::1/') } catch (e) { e.name }`, "TypeError"},
		{"invalid base", `try { new URL('/x', 'nope') } catch (e) { e.name + ' ' + e.input }`, "TypeError /x"},
		{"invalid port", `URL.canParse('http://a:99999/')`, "false"},
		{"canParse", `[URL.canParse('http://a'), URL.canParse('/x'), URL.canParse('/x', 'http://a')].join()`, "true,false,true"},
		{"parse", `[URL.parse('nope'), URL.parse('x', 'http://a/').href].join()`, ",http://a/x"},
		{"href setter throws", `try { new URL('http://a/').href = 'nope' } catch (e) { e.name }`, "TypeError"},
		{"JSON and String", `JSON.stringify({u: new URL('http://a')}) + String(new URL('http://b'))`, `{"u":"http://a/"}http://b/`},
		{"needs new", `try { URL('http://a') } catch (e) { e.name }`, "TypeError"},
		{"toStringTag", `Object.prototype.toString.call(new URL('http://a'))`, "[object URL]"},
	})
}

func TestURLSearchParams(t *testing.T) {
	cases(t, []struct{ name, src, want string }{
		{"string, leading ? dropped", `new URLSearchParams('?a=1&b=2&a=3').getAll('a').join()`, "1,3"},
		{"plus and percent", `new URLSearchParams('q=a+b%20c%2B&x').get('q') + '|' + new URLSearchParams('x').get('x')`, "a b c+|"},
		{"bad percent kept", `new URLSearchParams('a=%zz%4').get('a')`, "%zz%4"},
		{"bad utf-8 is U+FFFD", `new URLSearchParams('a=%ff').get('a').charCodeAt(0).toString(16)`, "fffd"},
		{"object", `new URLSearchParams({a: 'x y', b: '&', c: 1}).toString()`, "a=x+y&b=%26&c=1"},
		{"pairs", `new URLSearchParams([['a', '1'], ['a', '2']]).toString()`, "a=1&a=2"},
		{"bad pair", `try { new URLSearchParams([['a']]) } catch (e) { e.name }`, "TypeError"},
		{"copy", `new URLSearchParams(new URLSearchParams('a=1')).toString()`, "a=1"},
		{"serializer", `new URLSearchParams({k: "*-._~!'()é "}).toString()`, "k=*-._%7E%21%27%28%29%C3%A9+"},
		{"set replaces the first, drops the rest", `(p => (p.set('a', 9), p.toString()))(new URLSearchParams('a=1&b=2&a=3'))`, "a=9&b=2"},
		{"delete with value", `(p => (p.delete('a', '1'), p.toString()))(new URLSearchParams('a=1&a=2'))`, "a=2"},
		{"has with value", `(p => [p.has('a'), p.has('a', '2'), p.has('b')].join())(new URLSearchParams('a=1'))`, "true,false,false"},
		{"sort is stable, by code units", `(p => (p.sort(), p.toString()))(new URLSearchParams('z=1&a=2&z=0&%F0%9F%8C%88=r&%EF%AC%80=l'))`, "a=2&z=1&z=0&%F0%9F%8C%88=r&%EF%AC%80=l"},
		{"iteration", `[...new URLSearchParams('a=1&b=2')].map(([k, v]) => k + v).join() + [...new URLSearchParams('a=1').keys()]`, "a1,b2a"},
		{"forEach", `(() => { const out = []; new URLSearchParams('a=1&b=2').forEach((v, k) => out.push(k + v)); return out.join() })()`, "a1,b2"},
		{"size", `new URLSearchParams('a=1&b=2&a=3').size`, "3"},
		{"get missing is null", `new URLSearchParams('').get('a')`, "null"},
	})
}
