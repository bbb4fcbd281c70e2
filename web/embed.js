/*
 * Talash search box for any news site: one <script> and one element.
 *
 *   <div data-talash-search></div>
 *   <script src="https://SEARCH-HOST/embed.js" defer></script>
 *
 * The box suggests names and headline words as the reader types (from the
 * Talash server's /api/suggest) and sends the reader to the results page
 * (https://SEARCH-HOST/?q=...). Attributes on the element: data-talash-url
 * (the server; default: where embed.js came from), data-placeholder.
 * No inline styles (the host's CSP may forbid them): embed.css is linked.
 */
(() => {
  'use strict';
  const script = document.currentScript;
  const scriptBase = script ? new URL('.', script.src).href : location.origin + '/';

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  let boxes = 0;
  function mount(host) {
    const base = new URL(host.dataset.talashUrl || scriptBase, location.href);
    const id = `talash-box-${++boxes}`;
    const list = el('ul', { id: `${id}-list`, class: 'talash-suggest', role: 'listbox', hidden: '' });
    const input = el('input', {
      id: `${id}-q`, class: 'talash-q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false',
      role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': list.id,
      'aria-label': 'समाचार खोजें', placeholder: host.dataset.placeholder || 'समाचार खोजें…',
    });
    const form = el('form', { class: 'talash-box', role: 'search', action: new URL('/', base).href, method: 'get' },
      input, el('button', { type: 'submit', class: 'talash-go' }, 'खोजें'), list);
    host.replaceChildren(form);

    let items = [];
    let active = -1;
    let timer = 0;
    let seq = 0;
    const close = () => {
      list.hidden = true;
      list.replaceChildren();
      items = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    };
    const go = (q) => {
      const url = new URL('/', base);
      if (q.trim()) url.searchParams.set('q', q.trim());
      location.assign(url.href);
    };
    const highlight = (i) => {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
      if (i >= 0) input.setAttribute('aria-activedescendant', `${id}-opt-${i}`);
      else input.removeAttribute('aria-activedescendant');
    };
    const show = (suggestions) => {
      items = suggestions;
      list.replaceChildren(...suggestions.map((s, i) => el('li', {
        id: `${id}-opt-${i}`, role: 'option', 'aria-selected': 'false', class: 'talash-option', 'data-index': i,
      }, el('span', { class: 'talash-text' }, String(s.text)),
      s.label_en ? el('span', { class: 'talash-en', lang: 'en' }, String(s.label_en)) : null)));
      list.hidden = suggestions.length === 0;
      input.setAttribute('aria-expanded', String(suggestions.length > 0));
      active = -1;
    };
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value;
      if (!q.trim() || new TextEncoder().encode(q).length > 200) { close(); return; }
      const mine = ++seq;
      timer = setTimeout(async () => {
        try {
          const url = new URL('/api/suggest', base);
          url.searchParams.set('q', q);
          url.searchParams.set('limit', '8');
          const res = await fetch(url, { credentials: 'omit' });
          const data = res.ok ? await res.json() : null;
          if (mine !== seq || input.value !== q) return;   // a later keystroke won
          show(data && Array.isArray(data.suggestions) ? data.suggestions.filter((s) => s && s.text) : []);
        } catch {
          if (mine === seq) close();   // suggestions are a nicety: the box still searches
        }
      }, 120);
    });
    input.addEventListener('keydown', (e) => {
      if (e.isComposing) return;
      if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); highlight((active + 1) % items.length); }
      else if (e.key === 'ArrowUp' && items.length) { e.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
      else if (e.key === 'Escape' && !list.hidden) { e.preventDefault(); close(); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); go(String(items[active].text)); }
    });
    list.addEventListener('mousedown', (e) => e.preventDefault());   // keep focus in the box
    list.addEventListener('click', (e) => {
      const li = e.target.closest('li[data-index]');
      if (li) go(String(items[Number(li.dataset.index)].text));
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
    form.addEventListener('submit', (e) => { e.preventDefault(); seq++; go(input.value); });
  }

  function start() {
    if (!document.querySelector('link[data-talash-embed]')) {
      document.head.append(el('link', { rel: 'stylesheet', href: new URL('embed.css', scriptBase).href, 'data-talash-embed': '' }));
    }
    document.querySelectorAll('[data-talash-search]').forEach(mount);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
