// Talking to POST /api/recognize and POST /api/corrections. Turns every
// failure (HTTP problem details, network, timeout) into a RecognitionError
// whose message can be shown to the user as is.

const RECOGNIZE = '/api/recognize';
const CORRECTIONS = '/api/corrections';
const TIMEOUT_MS = 20000;

export class RecognitionError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'RecognitionError';
  }
}

// Used when a problem response carries neither detail nor title.
const FALLBACK_BY_STATUS = {
  400: 'The drawing could not be read. Please try again.',
  413: 'The drawing is too large to process.',
  422: 'The drawing has too many symbols. Try a shorter expression.',
  429: 'Too many requests. Please wait a moment.',
  503: 'The recognition service is busy or unavailable. Please try again shortly.',
};

/**
 * The drawing as the stroke format /api/recognize reads:
 * {width, height, penWidth, strokes: [[[x, y], ...], ...]} in CSS pixels of
 * the pad, in writing order. Points are clamped into the pad (a pointer
 * captured outside it still draws) and rounded to 0.01 px to keep it small.
 * One pen width per canvas: the widest stroke's, so thin strokes stay visible.
 * @param {ReadonlyArray<{width: number, points: ReadonlyArray<{x: number, y: number}>}>} strokes
 * @param {number} width @param {number} height
 */
export function strokePayload(strokes, width, height) {
  const w = Math.max(1, Math.ceil(width));
  const h = Math.max(1, Math.ceil(height));
  const clamp = (v, max) => Math.round(Math.min(Math.max(v, 0), max) * 100) / 100;
  const penWidth = Math.min(64, Math.max(1, ...strokes.map((s) => s.width)));
  return {
    width: w,
    height: h,
    penWidth,
    strokes: strokes.map((s) => s.points.map((p) => [clamp(p.x, w), clamp(p.y, h)])),
  };
}

/**
 * Send a drawing for recognition: a PNG blob, or strokes (see strokePayload)
 * sent as JSON so the server draws them straight into ink.
 * @param {Blob | object} canvas
 * @param {{signal?: AbortSignal}} options  aborting rejects with an AbortError
 * @returns {Promise<object>} the parsed recognition result
 */
export function recognize(canvas, { signal } = {}) {
  const isPng = canvas instanceof Blob;
  return post(RECOGNIZE, {
    headers: { 'Content-Type': isPng ? 'image/png' : 'application/json', Accept: 'application/json' },
    body: isPng ? canvas : JSON.stringify(canvas),
  }, signal, 'Recognition');
}

/**
 * The multipart body of a correction: the canvas exactly as it was sent for
 * recognition, and the corrections as JSON [{box, label, alreadyStored?}].
 * @param {Blob | object} canvas @param {Array<object>} corrections
 */
export function correctionForm(canvas, corrections) {
  const form = new FormData();
  form.append('canvas', canvas instanceof Blob ? canvas : new Blob([JSON.stringify(canvas)], { type: 'application/json' }), 'canvas');
  form.append('corrections', new Blob([JSON.stringify(corrections)], { type: 'application/json' }), 'corrections.json');
  return form;
}

/**
 * Correct symbols: the server stores the corrected glyphs and answers the
 * canvas re-read with the corrected labels (the recognition's shape, plus
 * `stored`).
 * @returns {Promise<object>}
 */
export function correct(canvas, corrections, { signal } = {}) {
  return post(CORRECTIONS, { headers: { Accept: 'application/json' }, body: correctionForm(canvas, corrections) }, signal, 'The correction');
}

async function post(endpoint, init, signal, what) {
  // Own controller so a timeout can be told apart from a caller's abort.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, TIMEOUT_MS);
  const forward = () => controller.abort(signal.reason);
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });

  try {
    let response;
    try {
      response = await fetch(endpoint, { method: 'POST', ...init, signal: controller.signal });
    } catch (err) {
      if (signal?.aborted) throw err; // superseded: the caller ignores this
      if (timedOut) throw new RecognitionError('The recognition service took too long to answer. Please try again.');
      throw new RecognitionError('Could not reach the recognition service. Check your connection and try again.');
    }
    const body = await readJson(response);
    if (!response.ok) {
      const message = text(body?.detail) || text(body?.title) || FALLBACK_BY_STATUS[response.status]
        || `${what} failed (HTTP ${response.status}).`;
      throw new RecognitionError(message);
    }
    if (!body || typeof body !== 'object') {
      throw new RecognitionError('The recognition service sent an unreadable answer.');
    }
    return body;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

async function readJson(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!/json/i.test(type)) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function text(v) {
  return typeof v === 'string' ? v.trim() : '';
}
