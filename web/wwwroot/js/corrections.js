// Correcting recognised symbols: the labels a symbol can be set to, the
// corrections of one drawing with their undo history, and keyboard movement
// through the correction menu. Pure data, no DOM, so node can test it.

/** Every label the model knows, in its output order; "none" drops a box. */
export const LABELS = Object.freeze(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', '+', '×', '÷', '/', '(', ')', '=']);
export const NOT_A_SYMBOL = 'none';

/** Keypad columns: 0–5, 6–9 + − and × ÷ / ( ) = as three rows. */
export const KEYPAD_COLUMNS = 6;

// The server's rule: a box names the symbol it overlaps by at least this much (intersection over union).
const SAME_SYMBOL_OVERLAP = 0.3;

const KEY_TEXT = { '-': '−' };
const SPOKEN = {
  '-': 'minus', '+': 'plus', '×': 'times', '÷': 'divided by', '/': 'slash', '(': 'opening bracket',
  ')': 'closing bracket', '=': 'equals', [NOT_A_SYMBOL]: 'not a symbol',
};

/** How a label is shown on a key: "/" and "÷" stay distinct (unlike in the expression). */
export function keyText(label) {
  return KEY_TEXT[label] ?? String(label);
}

/** How a screen reader should say a label. */
export function spokenLabel(label) {
  return SPOKEN[label] ?? String(label);
}

/**
 * The alternatives a symbol's menu offers first: the model's other likely
 * labels, most likely first, without the label it has now or unknown labels.
 * @param {{label: string, alternatives?: Array<{label: string, confidence: number}>}} symbol
 */
export function alternativesOf(symbol) {
  const seen = new Set([symbol?.label]);
  return (symbol?.alternatives ?? [])
    .filter((a) => LABELS.includes(a?.label) && !seen.has(a.label) && seen.add(a.label))
    .sort((a, b) => Number(b.confidence) - Number(a.confidence));
}

/** Intersection over union of two {x, y, width, height} boxes. */
export function overlap(a, b) {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  return intersection / (a.width * a.height + b.width * b.height - intersection);
}

/**
 * The corrections of one drawing. The server re-reads the whole canvas on
 * every correction, so each request carries all of them; those an earlier
 * request stored are marked alreadyStored, so each is stored once. Undo
 * restores the answer shown before the last correction.
 */
export class CorrectionSession {
  #canvas;
  #answer;
  #applied = [];
  #history = [];

  /** @param {object} canvas the body the answer was made from @param {object} answer */
  constructor(canvas, answer) {
    this.#canvas = canvas;
    this.#answer = answer;
  }

  get canvas() { return this.#canvas; }
  get answer() { return this.#answer; }
  get canUndo() { return this.#history.length > 0; }
  get count() { return this.#applied.length; }

  /** The `corrections` part for setting the symbol at `box` to `label`; an earlier correction of that symbol is replaced. */
  request(box, label) {
    return [
      ...this.#others(box).map((c) => ({ box: c.box, label: c.label, alreadyStored: true })),
      { box: { ...box }, label },
    ];
  }

  /** Record the server's re-read after the correction `request(box, label)` described. */
  apply(box, label, answer) {
    this.#history.push({ answer: this.#answer, applied: this.#applied });
    this.#applied = [...this.#others(box), { box: { ...box }, label }];
    this.#answer = answer;
  }

  /** Take back the last correction; returns the answer to show again, or null. */
  undo() {
    const last = this.#history.pop();
    if (!last) return null;
    this.#answer = last.answer;
    this.#applied = last.applied;
    return this.#answer;
  }

  #others(box) {
    return this.#applied.filter((c) => overlap(c.box, box) < SAME_SYMBOL_OVERLAP);
  }
}

/**
 * Arrow-key movement in a menu laid out as rows of buttons (`rows` holds each
 * row's length). Left/Right step through the items in reading order and wrap;
 * Up/Down keep the column as far as the row allows; Home/End go to the first
 * and last item. Returns the new position, or null for any other key.
 * @param {number[]} rows @param {{row: number, col: number}} at @param {string} key
 */
export function moveInMenu(rows, at, key) {
  const filled = rows.map((length, row) => ({ length, row })).filter((r) => r.length > 0);
  const index = filled.findIndex((r) => r.row === at.row);
  if (index < 0) return null;
  const first = filled[0];
  const last = filled[filled.length - 1];
  switch (key) {
    case 'ArrowRight':
      if (at.col + 1 < filled[index].length) return { row: at.row, col: at.col + 1 };
      return { row: (filled[index + 1] ?? first).row, col: 0 };
    case 'ArrowLeft': {
      if (at.col > 0) return { row: at.row, col: at.col - 1 };
      const previous = filled[index - 1] ?? last;
      return { row: previous.row, col: previous.length - 1 };
    }
    case 'ArrowDown':
    case 'ArrowUp': {
      const next = filled[index + (key === 'ArrowDown' ? 1 : -1)];
      return next ? { row: next.row, col: Math.min(at.col, next.length - 1) } : { ...at };
    }
    case 'Home': return { row: first.row, col: 0 };
    case 'End': return { row: last.row, col: last.length - 1 };
    default: return null;
  }
}

/**
 * The index of the symbol whose box holds `point` (boxes grown by `margin`
 * px, so a thin minus is easy to hit; the smallest box wins where boxes
 * nest), or null.
 * @param {Array<{box?: {x:number,y:number,width:number,height:number}}>} symbols
 */
export function symbolAt(symbols, point, margin = 4) {
  let best = null;
  let bestArea = Infinity;
  (symbols ?? []).forEach((symbol, i) => {
    const b = symbol?.box;
    if (!b) return;
    const inside = point.x >= b.x - margin && point.x <= b.x + b.width + margin
      && point.y >= b.y - margin && point.y <= b.y + b.height + margin;
    if (inside && b.width * b.height < bestArea) {
      best = i;
      bestArea = b.width * b.height;
    }
  });
  return best;
}
