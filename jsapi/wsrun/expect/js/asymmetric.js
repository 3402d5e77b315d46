// asymmetric.js: expect.any, expect.anything, expect.objectContaining and friends.
//
// Each is an object with asymmetricMatch(other), recognised by equals anywhere in a value,
// and tagged with Jest's $$typeof symbol so format prints it as Jest does.
(function (ns) {
  'use strict';

  const { equals, hasProperty } = ns;
  const ASYMMETRIC = Symbol.for('jest.asymmetricMatcher');

  class AsymmetricMatcher {
    constructor(sample, inverse) {
      this.$$typeof = ASYMMETRIC;
      this.sample = sample;
      this.inverse = !!inverse;
    }
  }

  function functionName(fn) {
    if (typeof fn.name === 'string' && fn.name !== '') return fn.name;
    const m = /^\s*(?:function|class)\s*([\w$]+)/.exec(Function.prototype.toString.call(fn));
    return m ? m[1] : 'anonymous';
  }

  class Any extends AsymmetricMatcher {
    constructor(sample) {
      if (typeof sample === 'undefined') {
        throw new TypeError('any() expects to be passed a constructor function. ' +
          'Please pass one or use anything() to match any object.');
      }
      super(sample, false);
    }
    asymmetricMatch(other) {
      const s = this.sample;
      if (s === String) return typeof other === 'string' || other instanceof String;
      if (s === Number) return typeof other === 'number' || other instanceof Number;
      if (s === Function) return typeof other === 'function' || other instanceof Function;
      if (s === Boolean) return typeof other === 'boolean' || other instanceof Boolean;
      if (s === BigInt) return typeof other === 'bigint' || other instanceof BigInt;
      if (s === Symbol) return typeof other === 'symbol' || other instanceof Symbol;
      if (s === Object) return typeof other === 'object';
      return other instanceof s;
    }
    toString() { return 'Any'; }
    getExpectedType() {
      const s = this.sample;
      if (s === String) return 'string';
      if (s === Number) return 'number';
      if (s === Function) return 'function';
      if (s === Object) return 'object';
      if (s === Boolean) return 'boolean';
      if (s === BigInt) return 'bigint';
      if (s === Symbol) return 'symbol';
      return functionName(s);
    }
    toAsymmetricMatcher() { return 'Any<' + functionName(this.sample) + '>'; }
  }

  class Anything extends AsymmetricMatcher {
    asymmetricMatch(other) { return other !== undefined && other !== null; }
    toString() { return 'Anything'; }
    toAsymmetricMatcher() { return 'Anything'; }
  }

  class ArrayContaining extends AsymmetricMatcher {
    asymmetricMatch(other) {
      if (!Array.isArray(this.sample)) {
        throw new Error('You must provide an array to ' + this.toString() + ", not '" + typeof this.sample + "'.");
      }
      const result = this.sample.length === 0 ||
        (Array.isArray(other) && this.sample.every((item) => other.some((o) => equals(o, item))));
      return this.inverse ? !result : result;
    }
    toString() { return 'Array' + (this.inverse ? 'Not' : '') + 'Containing'; }
    getExpectedType() { return 'array'; }
  }

  class ObjectContaining extends AsymmetricMatcher {
    asymmetricMatch(other) {
      if (typeof this.sample !== 'object' || this.sample === null) {
        throw new Error('You must provide an object to ' + this.toString() + ", not '" + typeof this.sample + "'.");
      }
      let result = true;
      for (const key of ns.ownKeys(this.sample)) {
        if (other === null || typeof other !== 'object' || !hasProperty(other, key) ||
            !equals(other[key], this.sample[key])) {
          result = false;
          break;
        }
      }
      return this.inverse ? !result : result;
    }
    toString() { return 'Object' + (this.inverse ? 'Not' : '') + 'Containing'; }
    getExpectedType() { return 'object'; }
  }

  class StringContaining extends AsymmetricMatcher {
    constructor(sample, inverse) {
      if (typeof sample !== 'string') throw new Error('Expected is not a string');
      super(sample, inverse);
    }
    asymmetricMatch(other) {
      const result = typeof other === 'string' && other.includes(this.sample);
      return this.inverse ? !result : result;
    }
    toString() { return 'String' + (this.inverse ? 'Not' : '') + 'Containing'; }
    getExpectedType() { return 'string'; }
  }

  class StringMatching extends AsymmetricMatcher {
    constructor(sample, inverse) {
      if (typeof sample !== 'string' && !(sample instanceof RegExp)) {
        throw new Error('Expected is not a String or a RegExp');
      }
      super(new RegExp(sample), inverse);
    }
    asymmetricMatch(other) {
      const re = this.sample;
      re.lastIndex = 0; // a /g or /y pattern must not remember the previous call
      const result = typeof other === 'string' && re.test(other);
      return this.inverse ? !result : result;
    }
    toString() { return 'String' + (this.inverse ? 'Not' : '') + 'Matching'; }
    getExpectedType() { return 'string'; }
  }

  class CloseTo extends AsymmetricMatcher {
    constructor(sample, precision, inverse) {
      if (typeof sample !== 'number') throw new Error('Expected is not a Number');
      if (precision !== undefined && typeof precision !== 'number') throw new Error('Precision is not a Number');
      super(sample, inverse);
      this.precision = precision === undefined ? 2 : precision;
    }
    asymmetricMatch(other) {
      if (typeof other !== 'number') return false;
      let result;
      if (other === Infinity && this.sample === Infinity) result = true;
      else if (other === -Infinity && this.sample === -Infinity) result = true;
      else result = Math.abs(this.sample - other) < Math.pow(10, -this.precision) / 2;
      return this.inverse ? !result : result;
    }
    toString() { return 'Number' + (this.inverse ? 'Not' : '') + 'CloseTo'; }
    getExpectedType() { return 'number'; }
    toAsymmetricMatcher() {
      return this.toString() + ' ' + this.sample + ' (' + this.precision + ' digit' +
        (this.precision === 1 ? '' : 's') + ')';
    }
  }

  // Wrong samples throw where the matcher is made, rather than when a message is matched.
  // ns.describeArg is argcheck.Describe, so they read as the rest of the API's argument errors.
  function needSample(name, sample, ok, what) {
    if (!ok) throw new TypeError('expect.' + name + ' takes ' + what + ', got ' + ns.describeArg(sample));
  }

  // installAsymmetric adds the factories to expect and expect.not.
  function installAsymmetric(expect) {
    expect.any = (ctor) => {
      if (ctor !== undefined) needSample('any', ctor, typeof ctor === 'function', 'a constructor such as String, Number or Object');
      return new Any(ctor);
    };
    expect.anything = () => new Anything();
    expect.arrayContaining = (sample) => {
      needSample('arrayContaining', sample, Array.isArray(sample), 'an array');
      return new ArrayContaining(sample, false);
    };
    expect.objectContaining = (sample) => {
      needSample('objectContaining', sample, typeof sample === 'object' && sample !== null, 'an object');
      return new ObjectContaining(sample, false);
    };
    expect.stringContaining = (sample) => new StringContaining(sample, false);
    expect.stringMatching = (sample) => new StringMatching(sample, false);
    expect.closeTo = (sample, precision) => new CloseTo(sample, precision, false);
    expect.not = {
      arrayContaining: (sample) => new ArrayContaining(sample, true),
      objectContaining: (sample) => new ObjectContaining(sample, true),
      stringContaining: (sample) => new StringContaining(sample, true),
      stringMatching: (sample) => new StringMatching(sample, true),
      closeTo: (sample, precision) => new CloseTo(sample, precision, true),
    };
  }

  ns.installAsymmetric = installAsymmetric;
})
