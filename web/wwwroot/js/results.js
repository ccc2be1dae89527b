// The result panel: expression, value, message, model/timing and the
// accessible symbol table. Writes both pretty text (for people) and data-*
// attributes with raw values (for automated tests).

import {
  LOW_CONFIDENCE,
  formatDuration, formatPercent, formatValue, prettyExpression, prettyLabel,
} from './format.js';

export const BLANK_MESSAGE = 'Draw an expression, e.g. 12 + 7 × (3 − 1)';

// Below this share of the probability mass the reading is marked as unsure.
export const UNSURE_READING = 0.5;

const MESSAGE_BY_KIND = {
  divisionByZero: 'undefined: division by zero',
  syntax: 'This is not a valid expression.',
  empty: 'No symbols were recognised. Try writing a little larger.',
};

export class ResultPanel {
  #el;

  /** @param {Record<string, HTMLElement>} elements */
  constructor(elements) {
    this.#el = elements;
  }

  showBlank() {
    this.#set({ expression: '', ascii: '', value: '', decimal: '', message: BLANK_MESSAGE, kind: 'blank' });
    // Keep the example expression on one line; textContent stays BLANK_MESSAGE.
    const [intro, example] = BLANK_MESSAGE.split('e.g. ');
    const span = document.createElement('span');
    span.className = 'nowrap';
    span.textContent = example;
    this.#el.message.replaceChildren(`${intro}e.g. `, span);
    this.#meta('', '');
    this.#symbols(null);
  }

  /** A 200 answer, which may still describe an invalid expression. */
  showResult(data, roundTripMs) {
    const kind = data.errorKind ?? (data.error ? 'error' : '');
    let message = '';
    if (kind === 'divisionByZero') message = MESSAGE_BY_KIND.divisionByZero;
    else if (kind) message = text(data.error) || MESSAGE_BY_KIND[kind] || 'The expression could not be evaluated.';

    const hasValue = data.value && !kind;
    const confidence = Number(data.confidence);
    const unsure = Number.isFinite(confidence) && confidence < UNSURE_READING && (data.symbols?.length ?? 0) > 0;
    if (unsure && !message) message = `Unsure reading (${formatPercent(confidence)} sure): check the symbols below.`;
    this.#el.expression.dataset.unsure = unsure ? 'true' : 'false';
    this.#el.expression.dataset.confidence = Number.isFinite(confidence) ? String(confidence) : '';
    this.#set({
      expression: prettyExpression(data.expression),
      ascii: data.expression ?? '',
      value: hasValue ? `= ${formatValue(data.value)}` : '',
      decimal: hasValue ? String(data.value.decimal ?? '') : '',
      message,
      kind,
    });

    const server = formatDuration(data.elapsedMilliseconds);
    const total = formatDuration(roundTripMs);
    const timing = [server && `${server} on the server`, total && `${total} round trip`].filter(Boolean).join(' · ');
    this.#meta(data.modelVersion ? `model ${data.modelVersion}` : '', timing, data.modelVersion ?? '');
    this.#symbols(Array.isArray(data.symbols) ? data.symbols : []);
  }

  /** A failed request: problem details, network or timeout. */
  showError(message) {
    this.#set({ expression: '', ascii: '', value: '', decimal: '', message, kind: 'error' });
    this.#meta('', '');
    this.#symbols(null);
  }

  // All live-region text changes happen in one go so screen readers
  // announce the result once instead of piece by piece.
  #set({ expression, ascii, value, decimal, message, kind }) {
    const { expression: exprEl, value: valueEl, message: messageEl } = this.#el;
    exprEl.textContent = expression;
    exprEl.dataset.ascii = ascii;
    valueEl.textContent = value;
    valueEl.dataset.decimal = decimal;
    messageEl.textContent = message;
    messageEl.dataset.kind = kind;
  }

  #meta(model, timing, version = '') {
    this.#el.modelVersion.textContent = model;
    this.#el.modelVersion.dataset.version = version;
    this.#el.elapsed.textContent = timing;
  }

  #symbols(symbols) {
    const { symbolRows, symbolCount } = this.#el;
    symbolCount.textContent = symbols ? `(${symbols.length})` : '';
    if (!symbols || symbols.length === 0) {
      const row = document.createElement('tr');
      const cell = cells(row, symbols ? 'No symbols were recognised.' : 'Nothing recognised yet.')[0];
      cell.colSpan = 5;
      symbolRows.replaceChildren(row);
      return;
    }
    symbolRows.replaceChildren(...symbols.map((s, i) => {
      const row = document.createElement('tr');
      const alternatives = (s.alternatives ?? [])
        .map((a) => `${prettyLabel(a.label)} (${formatPercent(a.confidence)})`)
        .join(', ') || '—';
      const b = s.box;
      const where = b ? `x ${Math.round(b.x)}, y ${Math.round(b.y)}, ${Math.round(b.width)} × ${Math.round(b.height)}` : '—';
      const index = document.createElement('th');
      index.scope = 'row';
      index.textContent = String(i + 1);
      row.append(index);
      const low = !(Number(s.confidence) >= LOW_CONFIDENCE);
      const [label] = cells(row, prettyLabel(s.label), `${formatPercent(s.confidence)}${low ? ' (low)' : ''}`, alternatives, where);
      label.className = 'symbol-label';
      if (low) row.className = 'is-low';
      return row;
    }));
  }
}

function cells(row, ...values) {
  return values.map((v) => {
    const cell = row.insertCell();
    cell.textContent = v;
    return cell;
  });
}

function text(v) {
  return typeof v === 'string' ? v.trim() : '';
}
