// Outlines recognised symbols on an SVG laid over the pad. Boxes arrive in
// the submitted image's pixels, which are the pad's CSS pixels, so the SVG
// uses a viewBox of the same size and coordinates map 1:1.

import { LOW_CONFIDENCE, formatPercent, prettyLabel } from './format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

const TAG_HEIGHT = 18;
const TAG_PAD_X = 5;
const TAG_GAP = 3;

export class Overlay {
  #svg;
  #width = 0;
  #height = 0;

  /** @param {SVGSVGElement} svg */
  constructor(svg) {
    this.#svg = svg;
  }

  resize(width, height) {
    this.#width = width;
    this.#height = height;
    this.#svg.setAttribute('width', String(width));
    this.#svg.setAttribute('height', String(height));
    this.#svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  }

  clear() {
    this.#svg.replaceChildren();
  }

  /** @param {Array<{label:string, confidence:number, box:{x:number,y:number,width:number,height:number}}>} symbols */
  show(symbols) {
    this.clear();
    for (const symbol of symbols ?? []) {
      if (symbol?.box) this.#svg.append(this.#symbol(symbol));
    }
  }

  #symbol({ label, confidence, box }) {
    const low = !(Number(confidence) >= LOW_CONFIDENCE);
    const group = el('g', { class: low ? 'symbol symbol--low' : 'symbol' });
    group.append(el('rect', {
      class: 'symbol__box', x: box.x, y: box.y, width: Math.max(1, box.width), height: Math.max(1, box.height), rx: 3,
    }));

    const tag = el('g', { class: 'symbol__tag' });
    const background = el('rect', { height: TAG_HEIGHT, rx: 3 });
    const text = el('text', { y: TAG_HEIGHT / 2, 'dominant-baseline': 'central' });
    text.textContent = `${prettyLabel(label)} ${formatPercent(confidence)}`;
    tag.append(background, text);
    group.append(tag);

    // Measure once attached (falls back to an estimate if layout is unavailable).
    this.#svg.append(group);
    let textWidth = 0;
    try { textWidth = text.getComputedTextLength(); } catch { /* estimate below */ }
    if (!textWidth) textWidth = text.textContent.length * 7;
    const tagWidth = Math.ceil(textWidth) + TAG_PAD_X * 2;
    background.setAttribute('width', String(tagWidth));
    text.setAttribute('x', String(TAG_PAD_X));

    // Above the box when there is room, otherwise just below it; never off-canvas.
    let y = box.y - TAG_HEIGHT - TAG_GAP;
    if (y < 0) y = Math.min(box.y + box.height + TAG_GAP, this.#height - TAG_HEIGHT);
    const x = Math.max(0, Math.min(box.x, this.#width - tagWidth));
    tag.setAttribute('transform', `translate(${x} ${Math.max(0, y)})`);
    return group;
  }
}

function el(name, attributes) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}
