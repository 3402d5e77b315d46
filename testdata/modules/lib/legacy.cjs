// A CommonJS helper, as older step libraries are written.
const prefix = 'legacy';

function label(name) {
  return `${prefix}:${name}`;
}

module.exports = { label, prefix };
module.exports.default = label;
