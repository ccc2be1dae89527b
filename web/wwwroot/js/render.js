// Drawing strokes onto the pad's 2D context (scaled for devicePixelRatio).
// The recogniser gets the same strokes as JSON in CSS pixels, so the boxes it
// returns map 1:1 onto CSS pixels of the pad.

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
