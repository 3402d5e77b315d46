// mock.js: mock functions as jest-mock makes them — fn(impl), spyOn(object, method), the
// .mock record and the mockReturnValue/mockImplementation/… methods — and the objects
// behind the jest and vi globals (ns.mockApi(defaultName)).
//
// As in Jest, a mock's record and its configuration live in two WeakMaps keyed by the mock,
// so clearAllMocks and resetAllMocks replace a map instead of visiting every mock ever made,
// and mocks a test drops can be collected. Spies keep their restore function in a Set until
// they are restored.
(function (ns) {
  'use strict';

  let states = new WeakMap();
  let configs = new WeakMap();
  const restores = new Set();
  // invocationCallOrder numbers every call of every mock of the VM, from 1.
  let callOrder = 1;

  function newState() {
    return { calls: [], contexts: [], instances: [], invocationCallOrder: [], results: [] };
  }

  function newConfig() {
    return { mockImpl: undefined, specificMockImpls: [], mockName: '' };
  }

  function stateOf(f) {
    let s = states.get(f);
    if (s === undefined) {
      s = newState();
      states.set(f, s);
    }
    return s;
  }

  function configOf(f) {
    let c = configs.get(f);
    if (c === undefined) {
      c = newConfig();
      configs.set(f, c);
    }
    return c;
  }

  const fnToString = ns.intrinsics.fnToString;
  function isClass(f) {
    return /^class\b/.test(fnToString.call(f));
  }

  function needFunction(method, impl) {
    if (typeof impl !== 'function') {
      throw new TypeError(method + '(fn): fn must be a function, got ' + ns.describeArg(impl));
    }
  }

  // makeMock returns a new mock function; restore, for a spy, puts the original back.
  // defaultName is what getMockName returns until mockName sets one.
  function makeMock(defaultName, length, restore) {
    const f = function mockConstructor(...args) {
      const state = stateOf(f);
      const config = configOf(f);
      state.instances.push(this);
      state.contexts.push(this);
      state.calls.push(args);
      state.lastCall = args;
      state.invocationCallOrder.push(callOrder++);
      // The result is recorded in this object rather than by index, so that mockClear
      // during the call does not put it in the wrong place.
      const result = { type: 'incomplete', value: undefined };
      state.results.push(result);
      let impl = config.specificMockImpls.shift();
      if (impl === undefined) impl = config.mockImpl;
      let threw = true;
      let value;
      try {
        if (impl !== undefined) {
          value = new.target !== undefined && isClass(impl)
            ? Reflect.construct(impl, args)
            : impl.apply(this, args);
        }
        threw = false;
      } catch (e) {
        value = e;
        throw e;
      } finally {
        result.type = threw ? 'throw' : 'return';
        result.value = value;
      }
      return value;
    };
    Object.defineProperty(f, 'length', { value: length, configurable: true });
    f._isMockFunction = true;
    f.getMockImplementation = () => configOf(f).mockImpl;
    Object.defineProperty(f, 'mock', {
      configurable: false,
      enumerable: true,
      get: () => stateOf(f),
      set: (v) => { states.set(f, v); },
    });
    f.mockClear = () => {
      states.delete(f);
      return f;
    };
    f.mockReset = () => {
      f.mockClear();
      configs.delete(f);
      return f;
    };
    f.mockRestore = () => {
      f.mockReset();
      if (restore === undefined) return undefined;
      restores.delete(restore);
      return restore();
    };
    f.mockImplementation = (impl) => {
      needFunction('mockImplementation', impl);
      configOf(f).mockImpl = impl;
      return f;
    };
    f.mockImplementationOnce = (impl) => {
      needFunction('mockImplementationOnce', impl);
      configOf(f).specificMockImpls.push(impl);
      return f;
    };
    f.mockReturnValue = (value) => f.mockImplementation(() => value);
    f.mockReturnValueOnce = (value) => f.mockImplementationOnce(() => value);
    f.mockResolvedValue = (value) => f.mockImplementation(() => Promise.resolve(value));
    f.mockResolvedValueOnce = (value) => f.mockImplementationOnce(() => Promise.resolve(value));
    f.mockRejectedValue = (value) => f.mockImplementation(() => Promise.reject(value));
    f.mockRejectedValueOnce = (value) => f.mockImplementationOnce(() => Promise.reject(value));
    f.mockReturnThis = () => f.mockImplementation(function () { return this; });
    f.mockName = (name) => {
      if (name) configOf(f).mockName = String(name);
      return f;
    };
    f.getMockName = () => configOf(f).mockName || defaultName;
    if (restore !== undefined) restores.add(restore);
    return f;
  }

  function isMockFunction(f) {
    return f != null && f._isMockFunction === true;
  }

  // typeOf names a value in spyOn's errors as Jest does: "null", "undefined" or its typeof.
  function typeOf(v) {
    return v == null ? String(v) : typeof v;
  }

  function findDescriptor(object, key) {
    for (let o = object; o !== null; o = Object.getPrototypeOf(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key);
      if (d !== undefined) return d;
    }
    return undefined;
  }

  // install puts a spy in place; when that throws (a frozen object, a read-only or
  // non-configurable property), the spy's restore is forgotten, so that restoreAllMocks does
  // not try to put back what was never replaced (and throw there instead).
  function install(restore, put) {
    try {
      put();
    } catch (e) {
      restores.delete(restore);
      throw e;
    }
  }

  function spyOn(defaultName, object, key, accessType) {
    if (object == null || (typeof object !== 'object' && typeof object !== 'function')) {
      throw new TypeError('Cannot use spyOn on a primitive value; ' + typeOf(object) + ' given');
    }
    if (key == null) throw new TypeError('No property name supplied');
    if (accessType !== undefined) return spyOnAccessor(defaultName, object, key, accessType);
    const original = object[key];
    if (!original) throw new TypeError('Property `' + String(key) + '` does not exist in the provided object');
    if (isMockFunction(original)) return original;
    if (typeof original !== 'function') {
      throw new TypeError('Cannot spy on the `' + String(key) + '` property because it is not a function; ' +
        typeOf(original) + ' given instead.');
    }
    const own = Object.prototype.hasOwnProperty.call(object, key);
    const descriptor = findDescriptor(object, key);
    let mock;
    if (descriptor !== undefined && typeof descriptor.get === 'function') {
      // A method served by a getter: the getter hands out the spy until it is restored.
      const originalGet = descriptor.get;
      const restore = () => {
        descriptor.get = originalGet;
        Object.defineProperty(object, key, descriptor);
      };
      mock = makeMock(defaultName, original.length, restore);
      descriptor.get = () => mock;
      install(restore, () => Object.defineProperty(object, key, descriptor));
    } else {
      const restore = () => {
        if (own) object[key] = original;
        else delete object[key];
      };
      mock = makeMock(defaultName, original.length, restore);
      install(restore, () => { object[key] = mock; });
    }
    mock.mockImplementation(function (...args) {
      return original.apply(this, args);
    });
    return object[key];
  }

  // spyOnAccessor is spyOn(object, key, 'get' | 'set'): the getter or setter becomes a mock
  // that calls the original.
  function spyOnAccessor(defaultName, object, key, accessType) {
    if (accessType !== 'get' && accessType !== 'set') {
      throw new TypeError("spyOn(object, name, accessType): accessType must be 'get' or 'set', got " +
        ns.describeArg(accessType));
    }
    const name = '`' + String(key) + '`';
    const own = Object.prototype.hasOwnProperty.call(object, key);
    const descriptor = findDescriptor(object, key);
    if (descriptor === undefined) throw new TypeError('Property ' + name + ' does not exist in the provided object');
    if (!descriptor.configurable) throw new TypeError('Property ' + name + ' is not declared configurable');
    const original = descriptor[accessType];
    if (!original) throw new TypeError('Property ' + name + ' does not have access type ' + accessType);
    if (!isMockFunction(original)) {
      const found = Object.assign({}, descriptor);
      // Restoring puts back this accessor only, so spies on the getter and the setter of one
      // property can be restored in any order; an inherited property is left inherited again.
      const restore = () => {
        const current = Object.getOwnPropertyDescriptor(object, key);
        if (current === undefined || current[accessType] !== mock) return;
        current[accessType] = original;
        if (!own && current.get === found.get && current.set === found.set) delete object[key];
        else Object.defineProperty(object, key, current);
      };
      const mock = makeMock(defaultName, original.length, restore);
      mock.mockImplementation(function (...args) {
        return original.apply(this, args);
      });
      descriptor[accessType] = mock;
      install(restore, () => Object.defineProperty(object, key, descriptor));
    }
    return descriptor[accessType];
  }

  // mockApi is the object of the jest and vi globals; defaultName ("jest.fn()", "vi.fn()",
  // "fn()") is what its mocks are called in failure messages until mockName names them.
  function mockApi(defaultName) {
    const api = {
      fn(impl) {
        if (impl !== undefined) needFunction('fn', impl);
        const f = makeMock(defaultName, impl === undefined ? 0 : impl.length, undefined);
        if (impl !== undefined) f.mockImplementation(impl);
        return f;
      },
      spyOn(object, key, accessType) {
        return spyOn(defaultName, object, key, accessType);
      },
      isMockFunction,
      clearAllMocks() {
        states = new WeakMap();
      },
      resetAllMocks() {
        states = new WeakMap();
        configs = new WeakMap();
      },
      restoreAllMocks() {
        // Last spied, first restored, so that what each spy puts back is what it found.
        const all = Array.from(restores).reverse();
        restores.clear();
        // One restore that throws (its object frozen since) must not leave the others'
        // mocks in place for the next tests: all are run, then the first error is thrown.
        let failed = false;
        let error;
        for (const restore of all) {
          try {
            restore();
          } catch (e) {
            if (!failed) error = e;
            failed = true;
          }
        }
        if (failed) throw error;
      },
    };
    // What Jest and Vitest have beyond that throws a TypeError saying wsrun lacks it, rather
    // than goja's "Object has no member", which reads like a typo of the user's.
    const owner = defaultName.slice(0, -'.fn()'.length);
    for (const [why, names] of lacking) {
      for (const name of names) {
        api[name] = function () {
          throw new TypeError(owner + '.' + name + ' is not available in wsrun: ' + why);
        };
      }
    }
    return api;
  }

  const lacking = [
    ['fake timers are not supported; tests run in real time against real sockets, so wait with sleep(ms) or an expect with a timeout',
      ['useFakeTimers', 'useRealTimers', 'advanceTimersByTime', 'advanceTimersByTimeAsync', 'advanceTimersToNextTimer',
        'runAllTimers', 'runAllTimersAsync', 'runOnlyPendingTimers', 'runAllTicks', 'clearAllTimers', 'getTimerCount',
        'setSystemTime', 'getRealSystemTime', 'isFakeTimers']],
    ['module mocking is not supported; pass the dependency in, spy on an object with spyOn, or give a Go host a module of its own (docs/embedding.md)',
      ['mock', 'unmock', 'doMock', 'dontMock', 'requireActual', 'requireMock', 'importActual', 'importMock',
        'resetModules', 'isolateModules', 'createMockFromModule', 'hoisted', 'mocked']],
    ['set the test timeout with the third argument of test() or wsrun -t',
      ['setTimeout']],
  ];

  ns.isMockFunction = isMockFunction;
  ns.mockApi = mockApi;
})
