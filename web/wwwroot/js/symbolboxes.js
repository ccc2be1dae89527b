// One focusable button over each recognised symbol's box, so the keyboard and
// screen readers reach what a pointer taps. The buttons let pointer events
// through to the pad (which tells a tap from a stroke); arrow keys move
// between them (one tab stop for the whole row), Enter or Space opens the
// correction menu.

import { formatPercent } from './format.js';
import { moveInMenu, spokenLabel } from './corrections.js';

export class SymbolBoxes {
  #layer;
  #onChoose;
  #buttons = [];

  /** @param {HTMLElement} layer @param {{onChoose: (index: number) => void}} hooks */
  constructor(layer, { onChoose }) {
    this.#layer = layer;
    this.#onChoose = onChoose;
  }

  get count() { return this.#buttons.length; }

  /** @param {Array<{label:string, confidence:number, box:{x:number,y:number,width:number,height:number}}>} symbols */
  show(symbols) {
    const list = (symbols ?? []).filter((s) => s?.box);
    this.#buttons = list.map((symbol, i) => this.#button(symbol, i, list.length));
    this.#layer.replaceChildren(...this.#buttons);
  }

  clear() {
    this.#buttons = [];
    this.#layer.replaceChildren();
  }

  button(index) {
    return this.#buttons[index] ?? null;
  }

  focus(index) {
    if (this.#buttons.length === 0) return false;
    const target = this.#buttons[Math.max(0, Math.min(index, this.#buttons.length - 1))];
    for (const b of this.#buttons) b.tabIndex = b === target ? 0 : -1;
    target.focus();
    return true;
  }

  #button({ label, confidence, box }, index, count) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'symbol-box';
    button.tabIndex = index === 0 ? 0 : -1;
    button.dataset.index = String(index);
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-label',
      `Symbol ${index + 1} of ${count}: ${spokenLabel(label)}, ${formatPercent(confidence)} sure. Correct it`);
    Object.assign(button.style, {
      left: `${box.x}px`, top: `${box.y}px`, width: `${Math.max(1, box.width)}px`, height: `${Math.max(1, box.height)}px`,
    });
    button.addEventListener('click', () => this.#onChoose(index));
    button.addEventListener('keydown', (e) => {
      const next = moveInMenu([count], { row: 0, col: index }, e.key);
      if (!next || e.key === 'ArrowUp' || e.key === 'ArrowDown') return;
      e.preventDefault();
      this.focus(next.col);
    });
    return button;
  }
}
