package expect

import "testing"

// runMockCases runs each case's src (statements that assert with expect) in a fresh VM with
// the mock API installed; want is the message of the error it throws, "" when it passes.
func runMockCases(t *testing.T, cases []matcherCase, async bool) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newMockEnv(t)
			var got string
			if async {
				got = e.runAsync(t, tc.src)
			} else {
				got = e.run(t, "{ "+tc.src+" }")
			}
			if got != tc.want {
				t.Errorf("%s\ngot:\n%s\n\nwant:\n%s", tc.src, got, tc.want)
			}
		})
	}
}

// TestMockRecords checks what a mock records of each call, as jest-mock does.
func TestMockRecords(t *testing.T) {
	runMockCases(t, []matcherCase{
		{"calls, contexts and lastCall", `
			const m = jest.fn();
			expect(m.mock.lastCall).toBeUndefined();
			const obj = { m };
			m(1, 'a');
			obj.m({ b: 2 });
			expect(m.mock.calls).toEqual([[1, 'a'], [{ b: 2 }]]);
			expect(m.mock.lastCall).toEqual([{ b: 2 }]);
			expect(m.mock.contexts).toEqual([undefined, obj]);
			expect(m.mock.instances[1]).toBe(obj);
			expect(m.mock.results).toEqual([{ type: 'return', value: undefined }, { type: 'return', value: undefined }]);`, ""},
		{"invocationCallOrder spans mocks", `
			const a = jest.fn(), b = vi.fn();
			a(); b(); a();
			const [a1, a2] = a.mock.invocationCallOrder, [b1] = b.mock.invocationCallOrder;
			expect(a1 < b1 && b1 < a2).toBe(true);`, ""},
		{"a throw is recorded and rethrown", `
			const err = new Error('boom');
			const m = jest.fn(() => { throw err; });
			expect(() => m()).toThrow('boom');
			expect(m.mock.results).toEqual([{ type: 'throw', value: err }]);
			expect(m.mock.results[0].value).toBe(err);`, ""},
		{"incomplete while the call runs", `
			let seen;
			const m = jest.fn(() => { seen = m.mock.results.map((r) => r.type); return 5; });
			m();
			expect(seen).toEqual(['incomplete']);
			expect(m.mock.results).toEqual([{ type: 'return', value: 5 }]);`, ""},
		{"mockClear during a call does not misplace its result", `
			const m = jest.fn(() => { m.mockClear(); return 1; });
			m();
			expect(m.mock.results).toEqual([]);
			m.mockImplementation(() => 2);
			m();
			expect(m.mock.results).toEqual([{ type: 'return', value: 2 }]);`, ""},
		{"new records the instance and returns it", `
			const M = jest.fn(function (x) { this.x = x; });
			const a = new M(1);
			expect(a).toBeInstanceOf(M);
			expect(a.x).toBe(1);
			expect(M.mock.instances[0]).toBe(a);
			expect(M.mock.contexts[0]).toBe(a);`, ""},
		{"new with a class implementation constructs the class", `
			class Point { constructor(x) { this.x = x; } }
			const M = jest.fn(Point);
			const p = new M(3);
			expect(p).toBeInstanceOf(Point);
			expect(p.x).toBe(3);
			expect(M.mock.results[0].value).toBe(p);`, ""},
		{"length follows the implementation", `
			expect(jest.fn((a, b) => a).length).toBe(2);
			expect(jest.fn().length).toBe(0);`, ""},
		{"mock.calls is a new array after mockClear", `
			const m = jest.fn();
			m(1);
			const before = m.mock.calls;
			m.mockClear();
			expect(before).toEqual([[1]]);
			expect(m.mock.calls).toEqual([]);`, ""},
	}, false)
}

// TestMockConfiguration checks the methods that decide what a mock does.
func TestMockConfiguration(t *testing.T) {
	runMockCases(t, []matcherCase{
		{"once values queue before the default", `
			const m = jest.fn().mockReturnValue('default').mockReturnValueOnce('first').mockReturnValueOnce('second');
			expect([m(), m(), m(), m()]).toEqual(['first', 'second', 'default', 'default']);`, ""},
		{"once implementations queue before the implementation", `
			const m = jest.fn((x) => x).mockImplementationOnce((x) => x * 10);
			expect([m(2), m(2)]).toEqual([20, 2]);
			expect(jest.fn()(1)).toBeUndefined();`, ""},
		{"mockImplementation replaces, getMockImplementation returns it", `
			const impl = (x) => x + 1;
			const m = jest.fn(() => 0);
			expect(m.mockImplementation(impl)).toBe(m);
			expect(m.getMockImplementation()).toBe(impl);
			expect(m(1)).toBe(2);`, ""},
		{"mockReturnThis", `
			const obj = { m: jest.fn().mockReturnThis() };
			expect(obj.m()).toBe(obj);`, ""},
		{"names: default per creator, mockName, reset forgets it", `
			expect(jest.fn().getMockName()).toBe('jest.fn()');
			expect(vi.fn().getMockName()).toBe('vi.fn()');
			expect(fn().getMockName()).toBe('fn()');
			const m = jest.fn().mockName('onMessage');
			expect(m.getMockName()).toBe('onMessage');
			m.mockName('');
			expect(m.getMockName()).toBe('onMessage');
			m.mockReset();
			expect(m.getMockName()).toBe('jest.fn()');`, ""},
		{"mockClear keeps the implementation, mockReset drops it and the once queue", `
			const m = jest.fn(() => 'impl').mockReturnValueOnce('once');
			m();
			m.mockClear();
			expect(m.mock.calls).toEqual([]);
			expect(m()).toBe('impl');
			m.mockReturnValueOnce('once');
			m.mockReset();
			expect(m()).toBeUndefined();
			expect(m.mock.calls).toEqual([[]]);
			expect(m.getMockImplementation()).toBeUndefined();`, ""},
		{"mockImplementation of a non-function is refused", `
			expect(() => jest.fn().mockImplementation(5)).toThrow(new TypeError('mockImplementation(fn): fn must be a function, got the number 5'));
			expect(() => jest.fn('x')).toThrow('fn(fn): fn must be a function, got the string \"x\"');`, ""},
		{"isMockFunction", `
			expect(jest.isMockFunction(jest.fn())).toBe(true);
			expect(vi.isMockFunction(fn())).toBe(true);
			expect(jest.isMockFunction(() => {})).toBe(false);
			expect(jest.isMockFunction(null)).toBe(false);`, ""},
		{"clearAllMocks clears every mock, keeps implementations", `
			const a = jest.fn(() => 1), b = vi.fn(() => 2);
			a(); b();
			jest.clearAllMocks();
			expect(a.mock.calls).toEqual([]);
			expect(b.mock.calls).toEqual([]);
			expect([a(), b()]).toEqual([1, 2]);`, ""},
		{"resetAllMocks drops every implementation", `
			const a = jest.fn(() => 1), b = fn(() => 2);
			a();
			vi.resetAllMocks();
			expect(a.mock.calls).toEqual([]);
			expect([a(), b()]).toEqual([undefined, undefined]);`, ""},
	}, false)
	runMockCases(t, []matcherCase{
		{"resolved and rejected values", `
			const m = jest.fn().mockResolvedValue('ok').mockResolvedValueOnce('first').mockRejectedValueOnce(new Error('no'));
			await expect(m()).resolves.toBe('first');
			await expect(m()).rejects.toThrow('no');
			await expect(m()).resolves.toBe('ok');
			const r = vi.fn().mockRejectedValue('down');
			await expect(r()).rejects.toBe('down');`, ""},
	}, true)
}

// TestSpyOn checks spies: they call through, record, restore what was there, and refuse
// what cannot be spied on with jest-mock's messages.
func TestSpyOn(t *testing.T) {
	runMockCases(t, []matcherCase{
		{"calls through with this and the arguments, and restores an own method", `
			const obj = { n: 1, add(x) { return this.n + x; } };
			const original = obj.add;
			const spy = jest.spyOn(obj, 'add');
			expect(obj.add).toBe(spy);
			expect(obj.add(2)).toBe(3);
			expect(spy).toHaveBeenCalledWith(2);
			expect(spy.mock.contexts[0]).toBe(obj);
			spy.mockReturnValue(10);
			expect(obj.add(2)).toBe(10);
			spy.mockRestore();
			expect(obj.add).toBe(original);
			expect(spy.mock.calls).toEqual([]);`, ""},
		{"an inherited method is spied on the object and restored by deleting it", `
			class Room { size() { return 1; } }
			const r = new Room();
			const spy = spyOn(r, 'size').mockReturnValue(5);
			expect(r.size()).toBe(5);
			expect(new Room().size()).toBe(1);
			spy.mockRestore();
			expect(Object.prototype.hasOwnProperty.call(r, 'size')).toBe(false);
			expect(r.size()).toBe(1);`, ""},
		{"a method behind a getter", `
			const impl = () => 'real';
			const obj = {};
			Object.defineProperty(obj, 'get', { get: () => impl, configurable: true });
			const spy = vi.spyOn(obj, 'get');
			expect(obj.get()).toBe('real');
			expect(spy).toHaveBeenCalledTimes(1);
			spy.mockRestore();
			expect(obj.get).toBe(impl);`, ""},
		{"spying on a spy returns it", `
			const obj = { f() {} };
			const spy = jest.spyOn(obj, 'f');
			expect(jest.spyOn(obj, 'f')).toBe(spy);`, ""},
		{"restoreAllMocks restores spies of jest and vi, not plain mocks", `
			const obj = { a() { return 'a'; }, b() { return 'b'; } };
			jest.spyOn(obj, 'a').mockReturnValue('x');
			vi.spyOn(obj, 'b').mockReturnValue('y');
			const plain = jest.fn(() => 'p');
			expect([obj.a(), obj.b()]).toEqual(['x', 'y']);
			jest.restoreAllMocks();
			expect([obj.a(), obj.b()]).toEqual(['a', 'b']);
			expect(jest.isMockFunction(obj.a)).toBe(false);
			expect(plain()).toBe('p');`, ""},
		{"mockRestore of a plain mock resets it", `
			const m = jest.fn(() => 1);
			m();
			expect(m.mockRestore()).toBeUndefined();
			expect(m()).toBeUndefined();`, ""},
		{"a primitive", `jest.spyOn(5, 'toFixed')`, "Cannot use spyOn on a primitive value; number given"},
		{"null", `jest.spyOn(null, 'x')`, "Cannot use spyOn on a primitive value; null given"},
		{"no name", `jest.spyOn({}, undefined)`, "No property name supplied"},
		{"a missing method", `jest.spyOn({}, 'send')`, "Property `send` does not exist in the provided object"},
		{"not a function", `jest.spyOn({ port: 80 }, 'port')`, "Cannot spy on the `port` property because it is not a function; number given instead."},
		{"errors are TypeErrors", `
			expect(() => jest.spyOn({}, 'x')).toThrow(TypeError);`, ""},
		{"a getter and a setter", `
			let stored = 0;
			const obj = { get v() { return stored; }, set v(x) { stored = x; } };
			const get = jest.spyOn(obj, 'v', 'get').mockReturnValueOnce(7);
			const set = vi.spyOn(obj, 'v', 'set');
			expect([obj.v, obj.v]).toEqual([7, 0]);
			obj.v = 3;
			expect(set).toHaveBeenCalledWith(3);
			expect(stored).toBe(3);
			expect(get).toHaveBeenCalledTimes(2);
			jest.restoreAllMocks();
			expect(jest.isMockFunction(Object.getOwnPropertyDescriptor(obj, 'v').get)).toBe(false);
			expect(obj.v).toBe(3);`, ""},
		{"an inherited getter is restored by deleting the own one", `
			class Conn { get state() { return 'open'; } }
			const c = new Conn();
			jest.spyOn(c, 'state', 'get').mockReturnValue('closed');
			expect([c.state, new Conn().state]).toEqual(['closed', 'open']);
			jest.restoreAllMocks();
			expect(Object.prototype.hasOwnProperty.call(c, 'state')).toBe(false);
			expect(c.state).toBe('open');`, ""},
		{"getter and setter spies restored one by one, in either order", `
			let stored = 0;
			const obj = { get v() { return stored; }, set v(x) { stored = x; } };
			const get = jest.spyOn(obj, 'v', 'get'), set = jest.spyOn(obj, 'v', 'set');
			get.mockRestore();
			set.mockRestore();
			const d = Object.getOwnPropertyDescriptor(obj, 'v');
			expect([jest.isMockFunction(d.get), jest.isMockFunction(d.set)]).toEqual([false, false]);`, ""},
		{"an access type that is neither get nor set", `jest.spyOn({ v: 1 }, 'v', 'value')`,
			"spyOn(object, name, accessType): accessType must be 'get' or 'set', got the string \"value\""},
		{"a data property has no getter", `jest.spyOn({ v: 1 }, 'v', 'get')`, "Property `v` does not have access type get"},
		{"a missing property with an access type", `jest.spyOn({}, 'v', 'set')`, "Property `v` does not exist in the provided object"},
		{"a property that is not configurable", `jest.spyOn(Object.defineProperty({}, 'v', { get() { return 1; } }), 'v', 'get')`,
			"Property `v` is not declared configurable"},
	}, false)
}
