// Talking to POST /api/recognize. Turns every failure (HTTP problem details,
// network, timeout) into a RecognitionError whose message can be shown to
// the user as is.

const ENDPOINT = '/api/recognize';
const TIMEOUT_MS = 20000;

export class RecognitionError extends Error {
  /** @param {string} message @param {{status?: number, kind?: string}} info */
  constructor(message, { status = 0, kind = 'http' } = {}) {
    super(message);
    this.name = 'RecognitionError';
    this.status = status;
    this.kind = kind; // 'http' | 'network' | 'timeout'
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
 * Send a PNG for recognition.
 * @param {Blob} png
 * @param {{signal?: AbortSignal}} options  aborting rejects with an AbortError
 * @returns {Promise<object>} the parsed recognition result
 */
export async function recognize(png, { signal } = {}) {
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
      response = await fetch(ENDPOINT, {
        method: 'POST',
        headers: { 'Content-Type': 'image/png', Accept: 'application/json' },
        body: png,
        signal: controller.signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err; // superseded: the caller ignores this
      if (timedOut) throw new RecognitionError('The recognition service took too long to answer. Please try again.', { kind: 'timeout' });
      throw new RecognitionError('Could not reach the recognition service. Check your connection and try again.', { kind: 'network' });
    }
    const body = await readJson(response);
    if (!response.ok) {
      const message = text(body?.detail) || text(body?.title) || FALLBACK_BY_STATUS[response.status]
        || `Recognition failed (HTTP ${response.status}).`;
      throw new RecognitionError(message, { status: response.status });
    }
    if (!body || typeof body !== 'object') {
      throw new RecognitionError('The recognition service sent an unreadable answer.', { status: response.status });
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
