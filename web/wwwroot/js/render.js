// Drawing strokes onto a 2D context. Shared by the on-screen pad (scaled for
// devicePixelRatio) and the PNG export (1 CSS px = 1 image px), so what is
// sent to the recogniser looks exactly like what the user sees.

export const INK = '#000';

/** Draw one stroke: a polyline with round caps/joins, or a dot for a tap. */
export function drawStroke(ctx, stroke) {
  const { points, width } = stroke;
  if (points.length === 0) return;
  ctx.fillStyle = INK;
  ctx.strokeStyle = INK;
  ctx.lineWidth = width;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  if (points.length === 1) {
    drawDot(ctx, points[0], width);
    return;
  }
  ctx.beginPath();
  ctx.moveTo(points[0].x, points[0].y);
  for (let i = 1; i < points.length; i++) ctx.lineTo(points[i].x, points[i].y);
  ctx.stroke();
}

/**
 * Draw only the newest segment of a stroke while it is being drawn, instead
 * of repainting everything on each pointer move. Opaque ink makes this look
 * the same as drawing the whole path.
 */
export function drawLastSegment(ctx, stroke) {
  const { points, width } = stroke;
  const n = points.length;
  if (n < 2) {
    drawStroke(ctx, stroke);
    return;
  }
  ctx.strokeStyle = INK;
  ctx.lineWidth = width;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(points[n - 2].x, points[n - 2].y);
  ctx.lineTo(points[n - 1].x, points[n - 1].y);
  ctx.stroke();
}

export function drawStrokes(ctx, strokes) {
  for (const stroke of strokes) drawStroke(ctx, stroke);
}

function drawDot(ctx, p, width) {
  ctx.beginPath();
  ctx.arc(p.x, p.y, width / 2, 0, Math.PI * 2);
  ctx.fill();
}

/**
 * Render strokes into a transparent PNG of width x height image pixels,
 * deliberately NOT scaled by devicePixelRatio: box coordinates returned by
 * the server then map 1:1 onto CSS pixels of the pad.
 */
export function exportPng(strokes, width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, Math.round(height));
  const ctx = canvas.getContext('2d');
  drawStrokes(ctx, strokes);
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('Could not encode the drawing as PNG.'))),
      'image/png',
    );
  });
}
