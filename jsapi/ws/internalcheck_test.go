package ws

import "testing"

// The argument checks of wsrun/internal throw what argcheck throws for wsrun/ws's own
// functions, so the protocol modules word a misuse as the rest of wsrun does.
func TestInternalChecks(t *testing.T) {
	runInboxCases(t, []struct{ name, script string }{
		{"options", `
			const { options } = internal;
			const spec = { timeout: 'duration', mode: ['auto', 'client'], headers: 'scalars' };
			const o = { timeout: 5 };
			expect(options('f', o, spec)).toBe(o);
			expect(options('f', undefined, spec)).toEqual({});
			expect(options('f', null, spec)).toEqual({});
			expect(options('f', { timeout: null, mode: undefined }, spec)).toEqual({ timeout: null });
			expect(() => options('f', { timout: 5 }, spec)).toThrow('f: unknown option "timout"; did you mean "timeout"?');
			expect(() => options('f', { zzz: 5 }, spec)).toThrow('f: unknown option "zzz"; the options are timeout, mode, headers');
			expect(() => options('f', { timeout: -1 }, spec)).toThrow('f: option timeout must be a number of ms (0 or more), got the number -1');
			expect(() => options('f', { mode: 'clent' }, spec)).toThrow('f: option mode must be one of "auto", "client", got the string "clent"; did you mean "client"?');
			expect(() => options('f', { headers: { a: {} } }, spec)).toThrow('f: option headers.a must be a string, number or boolean, got an object');
			expect(() => options('f', true, spec)).toThrow('f takes options like { timeout, mode, headers }, got the boolean true');
			expect(() => options('f', 'x', spec)).toThrow('f takes options like { mode: "x" }, got the string "x"');
			expect(() => options('f', 5, spec)).toThrow('f takes options like { timeout: 5 }, got the number 5');
			expect(() => options('f', [], spec, '{ a: 1 }')).toThrow('f takes options like { a: 1 }, got an array');
			expect(() => options('f', {}, { a: 'nope' })).toThrow('wsrun/internal: f: unknown kind the string "nope"');`},
		{"need, closest, describe", `
			const { need, closest, describe } = internal;
			need('f', 'url', 'ws://x', 'string');
			expect(() => need('f', 'url', 1, 'string')).toThrow('f: url must be a string, got the number 1');
			expect(() => need('f', 'ms', -1, 'duration')).toThrow('f: ms must be a number of ms (0 or more), got the number -1');
			expect(() => need('f', 'conn', { send() {}, on() {} }, 'connection')).toThrow('f: conn must be a Connection (from ws.connect or ws.serve), got an object');
			expect(closest('query', ['Query', 'Mutation'])).toBe('Query');
			expect(closest('zzz', ['Query', 'Mutation'])).toBe('');
			expect(describe(Promise.resolve())).toBe('a promise (missing await?)');`},
		{"utf8Length", `
			const { utf8Length } = internal;
			expect(utf8Length('')).toBe(0);
			expect(utf8Length('a\u00e9\u263a\u{1F600}')).toBe(1 + 2 + 3 + 4);
			expect(utf8Length('\ud800x\udc00')).toBe(3 + 1 + 3); // lone halves go as U+FFFD
			expect(utf8Length('\u{1F600}'.slice(0, 1))).toBe(3);
			expect(() => utf8Length(5)).toThrow('utf8Length: s must be a string, got the number 5');`},
	})
}
