// Unit tests of the page's pure formatting functions (node --test; tests/run.sh runs them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prettyExpression, prettyLabel, formatValue, isTerminating, formatPercent, formatDuration } from '../../web/wwwroot/js/format.js';

test('binary operators get spaces and display forms, signs stay attached', () => {
  assert.equal(prettyExpression('12+7*(3-1)'), '12 + 7 × (3 − 1)');
  assert.equal(prettyExpression('-3*-2'), '−3 × −2');
  assert.equal(prettyExpression('8/(-2)'), '8 ÷ (−2)');
  assert.equal(prettyExpression(''), '');
});

test('labels show typeset operators and leave digits alone', () => {
  assert.equal(prettyLabel('-'), '−');
  assert.equal(prettyLabel('*'), '×');
  assert.equal(prettyLabel('7'), '7');
  assert.equal(prettyLabel(undefined), '');
});

test('a value shows one form when fraction and decimal agree, = when exact, ≈ when rounded', () => {
  assert.equal(formatValue({ fraction: '26', decimal: '26' }), '26');
  assert.equal(formatValue({ fraction: '19/2', decimal: '9.5' }), '19/2 = 9.5');
  assert.equal(formatValue({ fraction: '1/3', decimal: '0.333333333333' }), '1/3 ≈ 0.333333333333');
  assert.equal(formatValue({ fraction: '-1/4', decimal: '-0.25' }), '−1/4 = −0.25');
  assert.equal(formatValue(null), '');
});

test('a fraction terminates exactly when its reduced denominator has only the factors 2 and 5', () => {
  assert.equal(isTerminating('3/40'), true);
  assert.equal(isTerminating('6/30'), true); // 1/5 once reduced
  assert.equal(isTerminating('1/6'), false);
  assert.equal(isTerminating('7'), true);
});

test('percentages round down so nothing uncertain reads as 100% or as the 60% threshold', () => {
  assert.equal(formatPercent(0.999), '99%');
  assert.equal(formatPercent(0.5999), '59%');
  assert.equal(formatPercent(1), '100%');
  assert.equal(formatPercent(0.004), '<1%');
  assert.equal(formatPercent('not a number'), '–');
});

test('durations pick ms or s with sensible precision', () => {
  assert.equal(formatDuration(0.84), '0.8 ms');
  assert.equal(formatDuration(12.4), '12 ms');
  assert.equal(formatDuration(1234), '1.2 s');
  assert.equal(formatDuration(-1), '');
});
