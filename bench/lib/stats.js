'use strict';
/** Small statistics helpers. Every figure in the table is a median over repeated runs. */

function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

/** Linear-interpolated percentile (p in 0..100) of a list of numbers. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = sorted(values);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo] + (s[hi] - s[lo]) * (rank - lo);
}

function median(values) {
  return percentile(values, 50);
}

function round(value, digits = 2) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

module.exports = { percentile, median, round };
