// Turning the server's ASCII into typeset-looking text. Pure functions.

/** Symbols below this confidence are flagged as unsure. */
export const LOW_CONFIDENCE = 0.6;

const DISPLAY_OPERATOR = { '+': '+', '-': '−', '−': '−', '*': '×', '×': '×', '/': '÷', '÷': '÷', '=': '=' };

/** Label of one symbol for display ("-" → "−"); digits/brackets unchanged. */
export function prettyLabel(label) {
  return DISPLAY_OPERATOR[label] ?? String(label ?? '');
}

/**
 * "12+7*(3-1)" → "12 + 7 × (3 − 1)". Binary operators get spaces; a sign
 * (at the start, after an operator or "(") stays attached: "−3 × −2".
 */
export function prettyExpression(ascii) {
  if (!ascii) return '';
  let out = '';
  let prev = null; // 'operand' | 'operator' | 'open' | null
  for (const ch of String(ascii)) {
    if (/\s/.test(ch)) continue;
    const op = DISPLAY_OPERATOR[ch];
    if (op !== undefined) {
      const isSign = (ch === '-' || ch === '−' || ch === '+') && (prev === null || prev === 'operator' || prev === 'open');
      out += isSign ? op : ` ${op} `;
      prev = 'operator';
    } else if (ch === '(') {
      out += ch;
      prev = 'open';
    } else {
      out += ch;
      prev = 'operand';
    }
  }
  return out.trim();
}

/** Signed number for display with a real minus sign. */
export function prettyNumber(s) {
  return String(s ?? '').trim().replace(/^-/, '−').replace(/\/-/, '/−');
}

/**
 * Text after "=" for a value { fraction, decimal }:
 * "26" when both agree, "19/2 = 9.5" when they differ, and "1/3 ≈ 0.3333"
 * when the denominator makes the decimal necessarily a rounded one.
 */
export function formatValue(value) {
  if (!value) return '';
  const fraction = prettyNumber(value.fraction);
  const decimal = prettyNumber(value.decimal);
  if (!fraction) return decimal;
  if (!decimal || fraction === decimal) return fraction;
  return `${fraction} ${isTerminating(value.fraction) ? '=' : '≈'} ${decimal}`;
}

/** p/q has a finite decimal expansion iff q (in lowest terms) is 2^a·5^b. */
export function isTerminating(fraction) {
  const m = /^\s*-?(\d+)\s*\/\s*(\d+)\s*$/.exec(String(fraction ?? ''));
  if (!m) return true; // an integer or something we can't judge
  try {
    const p = BigInt(m[1]);
    let q = BigInt(m[2]);
    if (q === 0n) return true;
    q /= gcd(p, q);
    while (q % 2n === 0n) q /= 2n;
    while (q % 5n === 0n) q /= 5n;
    return q === 1n;
  } catch {
    return true;
  }
}

function gcd(a, b) {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * Confidence as a whole percentage, rounded down so a symbol just under the
 * 60 % warning threshold never shows as "60%" and nothing short of certain
 * shows as "100%".
 */
export function formatPercent(confidence) {
  const c = Number(confidence);
  if (!Number.isFinite(c)) return '–';
  if (c > 0 && c < 0.01) return '<1%';
  return `${Math.floor(Math.min(1, Math.max(0, c)) * 100)}%`;
}

/** "0.8 ms", "12 ms", "1.2 s". */
export function formatDuration(ms) {
  const v = Number(ms);
  if (!Number.isFinite(v) || v < 0) return '';
  if (v < 10) return `${v.toFixed(1)} ms`;
  if (v < 1000) return `${Math.round(v)} ms`;
  return `${(v / 1000).toFixed(1)} s`;
}
