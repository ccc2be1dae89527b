// The small menu that corrects one symbol: its alternatives with their
// confidences, a keypad of every label, and "not a symbol". A non-modal
// dialog placed beside the symbol's box; arrow keys move between its
// buttons, Escape closes it and returns focus to the box, and so does a
// press outside it.

import { formatPercent } from './format.js';
import {
  KEYPAD_COLUMNS, LABELS, NOT_A_SYMBOL, alternativesOf, keyText, moveInMenu, spokenLabel,
} from './corrections.js';

const GAP = 8;

export class CorrectionMenu {
  #root;
  #onPick;
  #rows = [];
  #returnFocus = null;

  /**
   * @param {HTMLElement} root  an empty, hidden element the menu is built in
   * @param {{onPick: (label: string) => void}} hooks
   */
  constructor(root, { onPick }) {
    this.#root = root;
    this.#onPick = onPick;
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-modal', 'false');
    root.setAttribute('aria-labelledby', 'correct-menu-title');
    root.hidden = true;
    root.addEventListener('keydown', (e) => this.#onKey(e));
    // A press anywhere else closes it; the press still does what it does there.
    document.addEventListener('pointerdown', (e) => {
      if (this.isOpen && !root.contains(e.target)) this.close({ restoreFocus: false });
    }, true);
    root.addEventListener('focusout', (e) => {
      if (this.isOpen && e.relatedTarget instanceof Node && !root.contains(e.relatedTarget)) this.close({ restoreFocus: false });
    });
  }

  get isOpen() { return !this.#root.hidden; }

  /**
   * @param {{label: string, confidence: number, alternatives?: Array<{label: string, confidence: number}>}} symbol
   * @param {{index: number, count: number, anchor: DOMRect, returnFocus?: HTMLElement | null}} where
   *   anchor: the symbol's box in viewport coordinates
   */
  open(symbol, { index, count, anchor, returnFocus = null }) {
    this.#returnFocus = returnFocus;
    const title = document.createElement('p');
    title.id = 'correct-menu-title';
    title.className = 'correct-menu__title';
    title.textContent = `Symbol ${index + 1} of ${count}: read as ${keyText(symbol.label)} (${formatPercent(symbol.confidence)})`;

    const alternatives = alternativesOf(symbol).map((a) => this.#key(a.label,
      `${keyText(a.label)} ${formatPercent(a.confidence)}`, `${spokenLabel(a.label)}, ${formatPercent(a.confidence)}`));
    const keys = LABELS.map((label) => this.#key(label, keyText(label), spokenLabel(label), label === symbol.label));
    const none = this.#key(NOT_A_SYMBOL, 'Not a symbol', 'Not a symbol: drop this box');
    none.classList.add('correct-menu__none');
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'button correct-menu__cancel';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => this.close());

    const keypad = [];
    for (let i = 0; i < keys.length; i += KEYPAD_COLUMNS) keypad.push(keys.slice(i, i + KEYPAD_COLUMNS));
    this.#rows = [alternatives, ...keypad, [none, cancel]];

    const content = [title];
    if (alternatives.length > 0) content.push(group('Likely instead', 'correct-menu__alternatives', alternatives));
    content.push(group('All symbols', 'correct-menu__keypad', keys), group('Other', 'correct-menu__actions', [none, cancel]));
    this.#root.replaceChildren(...content);
    this.#root.hidden = false;
    this.#place(anchor);
    (alternatives[0] ?? keys[0]).focus();
  }

  close({ restoreFocus = true } = {}) {
    if (!this.isOpen) return;
    this.#root.hidden = true;
    this.#root.replaceChildren();
    this.#rows = [];
    if (restoreFocus) this.#returnFocus?.focus();
    this.#returnFocus = null;
  }

  #key(label, text, spoken, current = false) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button correct-menu__key';
    button.dataset.label = label;
    button.textContent = text;
    button.setAttribute('aria-label', current ? `${spoken} (as read now)` : spoken);
    if (current) button.setAttribute('aria-current', 'true');
    button.addEventListener('click', () => {
      this.close();
      this.#onPick(label);
    });
    return button;
  }

  #onKey(e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
      return;
    }
    const rows = this.#rows.map((r) => r.length);
    const row = this.#rows.findIndex((r) => r.includes(document.activeElement));
    if (row < 0) return;
    const next = moveInMenu(rows, { row, col: this.#rows[row].indexOf(document.activeElement) }, e.key);
    if (!next) return;
    e.preventDefault();
    this.#rows[next.row][next.col].focus();
  }

  // Below the box when it fits in the window, else above it; never off-screen.
  #place(anchor) {
    const menu = this.#root.getBoundingClientRect();
    const width = window.innerWidth;
    const height = window.innerHeight;
    let top = anchor.bottom + GAP;
    if (top + menu.height > height && anchor.top - GAP - menu.height >= 0) top = anchor.top - GAP - menu.height;
    top = Math.max(GAP, Math.min(top, height - menu.height - GAP));
    const left = Math.max(GAP, Math.min(anchor.left, width - menu.width - GAP));
    this.#root.style.left = `${Math.round(left)}px`;
    this.#root.style.top = `${Math.round(top)}px`;
  }
}

function group(label, className, children) {
  const element = document.createElement('div');
  element.className = className;
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', label);
  element.append(...children);
  return element;
}
