// The recognised formula typeset by the browser itself: the answer's `mathml`
// (a <math> element string) is parsed inertly, kept to MathML elements and
// presentation attributes, and inserted; a button copies the answer's `latex`.
// Answers without these fields (older servers, a correction's re-read) simply
// show no formula and no button.

const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const ELEMENTS = new Set([
  'math', 'mrow', 'mi', 'mn', 'mo', 'mtext', 'mspace', 'ms', 'mfrac', 'msqrt', 'mroot', 'msup', 'msub', 'msubsup',
  'munder', 'mover', 'munderover', 'mstyle', 'mpadded', 'mphantom', 'merror', 'mtable', 'mtr', 'mtd', 'semantics',
  'annotation',
]);
const ATTRIBUTES = new Set([
  'display', 'displaystyle', 'scriptlevel', 'mathvariant', 'stretchy', 'fence', 'separator', 'form', 'lspace', 'rspace',
  'largeop', 'movablelimits', 'symmetric', 'minsize', 'maxsize', 'linethickness', 'accent', 'accentunder', 'width',
  'height', 'depth', 'columnalign', 'rowalign', 'encoding', 'intent', 'arg', 'dir', 'class',
]);

/** A sanitised <math> element for `markup`, or null when it is not one. */
export function parseMathMl(markup) {
  if (typeof markup !== 'string' || markup.trim() === '') return null;
  const template = document.createElement('template');
  template.innerHTML = markup; // inert: nothing in a template runs or loads
  const nodes = [...template.content.childNodes].filter((n) => n.nodeType !== Node.TEXT_NODE || n.textContent.trim() !== '');
  const math = nodes.length === 1 ? nodes[0] : null;
  if (!(math instanceof Element) || math.namespaceURI !== MATHML_NS || math.localName !== 'math') return null;
  for (const element of [math, ...math.querySelectorAll('*')]) {
    if (element.namespaceURI !== MATHML_NS || !ELEMENTS.has(element.localName)) {
      element.remove();
      continue;
    }
    for (const attribute of [...element.attributes]) {
      if (!ATTRIBUTES.has(attribute.localName) || attribute.namespaceURI) element.removeAttribute(attribute.name);
    }
  }
  return document.importNode(math, true);
}

export class FormulaView {
  #formula;
  #copy;
  #announce;

  /**
   * @param {{formula: HTMLElement, copy: HTMLButtonElement, announce: (message: string) => void}} o
   */
  constructor({ formula, copy, announce }) {
    this.#formula = formula;
    this.#copy = copy;
    this.#announce = announce;
    copy.addEventListener('click', () => this.#copyLatex());
    this.clear();
  }

  /** @param {{mathml?: string | null, latex?: string | null}} answer */
  show(answer) {
    const math = parseMathMl(answer?.mathml);
    if (math) {
      math.setAttribute('display', 'block');
      this.#formula.replaceChildren(math);
    } else {
      this.#formula.replaceChildren();
    }
    this.#formula.hidden = !math;
    const latex = typeof answer?.latex === 'string' ? answer.latex.trim() : '';
    this.#copy.dataset.latex = latex;
    this.#copy.hidden = latex === '';
  }

  clear() {
    this.show(null);
  }

  async #copyLatex() {
    const latex = this.#copy.dataset.latex;
    if (!latex) return;
    if (await writeClipboard(latex)) this.#announce('LaTeX copied to the clipboard.');
    else this.#announce(`Could not copy. The LaTeX is: ${latex}`);
  }
}

async function writeClipboard(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain http, older browsers) or no permission: the old way.
    const focused = document.activeElement;
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    area.remove();
    if (focused instanceof HTMLElement) focused.focus();
    return copied;
  }
}
