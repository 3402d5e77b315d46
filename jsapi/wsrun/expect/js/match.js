// match.js: the helpers the Go side calls for other modules (ws message matchers and
// their timeout messages): matches, closest, and the two diffs.
(function (ns) {
  'use strict';

  const { equals, SUBSET, isAsymmetric, ownKeys, hasProperty, printDiffOrStringify, getObjectSubset } = ns;

  // matches is toMatchObject for objects and arrays (arrays element-wise, equal length),
  // equality for primitives, and asymmetric matchers anywhere. It does no formatting.
  function matches(pattern, value) {
    return equals(value, pattern, SUBSET);
  }

  function isObject(v) {
    return v !== null && typeof v === 'object';
  }

  // similarity scores how much of pattern value satisfies, from 0 to 1 (1 only for a full
  // match): the share of the pattern's keys value has, weighted by how well each matches.
  function similarity(pattern, value, depth) {
    if (equals(value, pattern, SUBSET)) return 1;
    if (depth > 8 || !isObject(pattern) || isAsymmetric(pattern) || !isObject(value)) return 0;
    const keys = Array.isArray(pattern) ? Object.keys(pattern) : ownKeys(pattern);
    if (keys.length === 0) return 0;
    let score = 0;
    for (const k of keys) {
      if (hasProperty(value, k)) score += 0.2 + 0.8 * similarity(pattern[k], value[k], depth + 1);
    }
    return 0.9 * score / keys.length;
  }

  function sameKind(a, b) {
    if (a === null || b === null) return a === b;
    return typeof a === typeof b && Array.isArray(a) === Array.isArray(b);
  }

  // closest returns the index of the candidate most like pattern, the first on ties, or -1
  // when no candidate shares anything with it, not even its kind (object, array, string…).
  function closest(pattern, candidates) {
    let best = -1;
    let bestScore = 0;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i];
      const score = similarity(pattern, c, 0) + (sameKind(pattern, c) ? 0.001 : 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  // diffMatch diffs a toMatchObject pattern against only the parts of received it names.
  function diffMatch(pattern, received) {
    const subset = isObject(pattern) && isObject(received) ? getObjectSubset(received, pattern) : received;
    return printDiffOrStringify(pattern, subset, 'Expected', 'Received');
  }

  ns.matches = matches;
  ns.closest = closest;
  ns.diffMatch = diffMatch;
})
