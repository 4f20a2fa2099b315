// Scrolls a widget with real mouse-wheel events over its canvas until a semantics node is wholly
// inside the canvas, as a person would before tapping it. Returns the node with its new rect.
//   widget: a page expression naming the widget object (default "window.manyi")
export async function revealNode(page, id, { widget = 'window.manyi', maxSteps = 40 } = {}) {
  for (let step = 0; step < maxSteps; step++) {
    const found = await page.evaluate(([expr, id]) => {
      const w = (0, eval)(expr); // eslint-disable-line no-eval
      const node = w.semantics().find((n) => n.id === id);
      // Canvases of the document and of open shadow roots (the floating panel lives in one).
      const canvases = [...document.querySelectorAll('canvas')];
      for (const e of document.querySelectorAll('*')) if (e.shadowRoot) canvases.push(...e.shadowRoot.querySelectorAll('canvas'));
      const canvas = node && canvases.find((c) => {
        const r = c.getBoundingClientRect();
        return node.rect.x >= r.left - 1 && node.rect.x <= r.right + 1;
      });
      if (!node || !canvas) return { node: node ?? null, canvas: null };
      const r = canvas.getBoundingClientRect();
      return { node, canvas: { top: r.top, bottom: Math.min(r.bottom, window.innerHeight), left: r.left, width: r.width } };
    }, [widget, id]);
    const { node, canvas } = found;
    if (!node) return null;
    if (!canvas) return node;
    const { y, height } = node.rect;
    if (y >= canvas.top && y + height <= canvas.bottom) return node;
    // Wheel over the middle of the visible part of the canvas, towards the node.
    const dy = y + height > canvas.bottom ? Math.min(240, y + height - canvas.bottom + 16) : Math.max(-240, y - canvas.top - 16);
    await page.mouse.move(canvas.left + canvas.width / 2, (canvas.top + canvas.bottom) / 2);
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(120); // the widget draws the scrolled frame on the next animation frame
  }
  throw new Error(`node ${id} could not be scrolled into view`);
}
