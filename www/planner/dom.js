// Builds DOM nodes. Text is always set as text, never parsed as HTML: inventory values (a
// device called `<img src=x onerror=…>`) must show as the characters they are.

/**
 * `el('p', { class: 'x' }, 'text', childNode, null)` → <p class="x">text…</p>.
 * Attributes are set with setAttribute; `on*` keys with functions become listeners.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces `node`'s children, skipping null, undefined and false (like `el`). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}
