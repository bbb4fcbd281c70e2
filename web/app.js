/*
 * तलाश · Talash — search page.
 * Plain JS, no frameworks, no build step, CSP-friendly (no eval, no inline handlers).
 *
 * Structure:
 *   constants & helpers  → formatting (dates, numbers), safe HTML, DOM builders
 *   state <-> URL        → stateFromUrl / stateToUrl / apiQuery
 *   fetch                → fetchJson / fetchSearch / fetchDoc / fetchStats
 *   render               → status, hits (+ similar stories), facets (+ month chart), chips, pagination, landing, doc dialog
 *   suggestions          → the search box's combobox (/api/suggest)
 *   controller           → navigate / run / event wiring
 */
'use strict';

(() => {
  // ---------------------------------------------------------------- constants

  const PER_PAGE = 10;
  const MAX_PAGE = 1000;
  const SORTS = ['relevance', 'newest', 'oldest'];
  const FILTER_TYPES = ['person', 'place', 'org', 'source'];
  const FACET_TITLES = { person: 'लोग', place: 'स्थान', org: 'संगठन', source: 'स्रोत' };
  const ENTITY_TYPE_TITLES = { ...FACET_TITLES, event: 'घटनाएँ', topic: 'विषय', misc: 'अन्य', other: 'अन्य' };
  const FACET_VISIBLE = 8;
  const MONTHS = ['जनवरी', 'फ़रवरी', 'मार्च', 'अप्रैल', 'मई', 'जून',
    'जुलाई', 'अगस्त', 'सितंबर', 'अक्टूबर', 'नवंबर', 'दिसंबर'];
  const CATEGORY_LABELS = {
    world: 'दुनिया', international: 'दुनिया', india: 'देश', national: 'देश', nation: 'देश',
    politics: 'राजनीति', business: 'व्यापार', economy: 'अर्थव्यवस्था', sports: 'खेल', sport: 'खेल',
    entertainment: 'मनोरंजन', technology: 'तकनीक', tech: 'तकनीक', science: 'विज्ञान',
    health: 'स्वास्थ्य', education: 'शिक्षा', environment: 'पर्यावरण', crime: 'अपराध',
    lifestyle: 'जीवनशैली', opinion: 'विचार', states: 'राज्य', state: 'राज्य', city: 'शहर',
    religion: 'धर्म', culture: 'संस्कृति', weather: 'मौसम', auto: 'ऑटो', jobs: 'नौकरी',
  };
  const EXAMPLES = ['रूस', 'चुनाव', 'क्रिकेट', 'मौसम', 'शेयर बाज़ार'];
  const SUGGEST_DELAY_MS = 120;   // debounce while typing
  const SUGGEST_LIMIT = 8;
  const SUGGEST_MAX_BYTES = 200;  // the server rejects longer prefixes
  const SIMILAR_LIMIT = 5;        // similar stories shown under a hit
  const MONTH_ID = /^(\d{4})-(0[1-9]|1[0-2])$/;
  const NUMBER_FORMAT = new Intl.NumberFormat('hi-IN-u-nu-latn');

  // ---------------------------------------------------------------- DOM refs

  const $ = (id) => document.getElementById(id);
  const els = {
    form: $('search-form'), q: $('q'), suggest: $('suggest-list'), sort: $('sort'), from: $('from'), to: $('to'),
    tools: $('tools'), toolsSummary: $('tools-summary-value'),
    landing: $('landing'), landingStats: $('landing-stats'), examples: $('examples'),
    view: $('search-view'), status: $('status'), also: $('also'), didYouMean: $('did-you-mean'), relaxed: $('relaxed'), error: $('error'),
    empty: $('empty'), pastEnd: $('past-end'), firstPageLink: $('first-page-link'), emptyFiltersTip: $('empty-filters-tip'), emptyClear: $('empty-clear'),
    hits: $('hits'), pagination: $('pagination'), facets: $('facets'), facetGroups: $('facet-groups'),
    chips: $('chips'), chipList: $('chip-list'),     dialog: $('doc-dialog'), docClose: $('doc-close'), docMeta: $('doc-meta'), docTitle: $('doc-title'),
    docStatus: $('doc-status'), docBody: $('doc-body'), docEntities: $('doc-entities'), docLink: $('doc-link'),
  };

  // ---------------------------------------------------------------- app memory

  let current = emptyState();
  let lastData = null;            // last successful search response
  let searchSeq = 0;              // ignore responses of superseded searches
  let searchAbort = null;
  let docAbort = null;
  let docOpener = null;
  const labelCache = new Map();   // "type\u0000id" -> label, learned from facets / entities
  const expandedFacets = new Set();

  // ---------------------------------------------------------------- helpers

  /** Create an element; text children are inserted as text nodes (never HTML). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') el.className = v;
        else if (k === 'dataset') Object.assign(el.dataset, v);
        else el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function formatNumber(n) {
    return Number.isFinite(n) ? NUMBER_FORMAT.format(n) : '';
  }

  /** "2024-06-15" -> "15 जून 2024"; anything else is returned unchanged. */
  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ''));
    if (!m) return String(iso || '');
    const month = MONTHS[Number(m[2]) - 1];
    if (!month) return String(iso);
    return `${Number(m[3])} ${month} ${m[1]}`;
  }

  function formatSeconds(ms) {
    if (!Number.isFinite(ms)) return '';
    const s = ms / 1000;
    return s < 0.001 ? '0.001 से कम सेकंड' : `${s.toFixed(3)} सेकंड`;
  }

  function categoryLabel(cat) {
    if (!cat) return '';
    return CATEGORY_LABELS[String(cat).toLowerCase()] || String(cat);
  }

  /** Only http(s) URLs may become links. Returns a normalised href or null. */
  function safeHttpUrl(raw) {
    if (typeof raw !== 'string' || !raw) return null;
    try {
      const u = new URL(raw, location.href);
      return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
    } catch (_) {
      return null;
    }
  }

  function hostOf(href) {
    try { return new URL(href).hostname.replace(/^www\./, ''); } catch (_) { return ''; }
  }

  function validDate(v) {
    return /^\d{4}-\d{2}-\d{2}$/.test(v || '') ? v : '';
  }

  function unique(list) {
    return [...new Set(list)];
  }

  /**
   * Server-provided highlight HTML (snippet, title_html) is already escaped and
   * contains only <mark>. Defence in depth: parse it in an inert document and
   * copy over only text and <mark> elements, so nothing else can ever execute.
   */
  function markedFragment(html) {
    const frag = document.createDocumentFragment();
    const doc = new DOMParser().parseFromString(`<body>${String(html || '')}</body>`, 'text/html');
    const copy = (src, dst) => {
      for (const node of src.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          dst.append(document.createTextNode(node.nodeValue));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.localName === 'mark') {
            const mark = document.createElement('mark');
            copy(node, mark);
            dst.append(mark);
          } else {
            dst.append(document.createTextNode(node.textContent));
          }
        }
      }
    };
    copy(doc.body, frag);
    return frag;
  }

  function labelKey(type, id) { return `${type}\u0000${id}`; }

  function rememberLabel(type, id, label) {
    if (id && label) labelCache.set(labelKey(type, id), String(label));
  }

  function labelFor(type, id) {
    return labelCache.get(labelKey(type, id)) || id;
  }

  // ---------------------------------------------------------------- state <-> URL

  function emptyState() {
    return { q: '', exact: false, page: 1, sort: 'relevance', from: '', to: '', story: '',
      filters: { person: [], place: [], org: [], source: [] } };
  }

  function cloneState(s) {
    const c = { ...s, filters: {} };
    for (const t of FILTER_TYPES) c.filters[t] = [...s.filters[t]];
    return c;
  }

  function stateFromUrl(search) {
    const p = new URLSearchParams(search);
    const s = emptyState();
    s.q = (p.get('q') || '').trim();
    s.exact = ['1', 'true'].includes(p.get('exact'));
    const page = parseInt(p.get('page') || '1', 10);
    s.page = Number.isFinite(page) && page > 0 ? Math.min(page, MAX_PAGE) : 1;
    const sort = p.get('sort');
    if (SORTS.includes(sort)) s.sort = sort;
    s.from = validDate(p.get('from'));
    s.to = validDate(p.get('to'));
    const story = p.get('story') || '';
    s.story = /^[0-9a-f]{16}$/.test(story) ? story : '';
    for (const t of FILTER_TYPES) s.filters[t] = unique(p.getAll(t).map((v) => v.trim()).filter(Boolean));
    return s;
  }

  /** Ordered [key, value] pairs describing a state (shared by page URL and API URL). */
  function statePairs(s, forApi) {
    const pairs = [];
    if (s.q || forApi) pairs.push(['q', s.q]);
    if (s.exact) pairs.push(['exact', '1']);
    if (forApi || s.page > 1) pairs.push(['page', String(s.page)]);
    if (forApi) pairs.push(['per_page', String(PER_PAGE)]);
    if (forApi || s.sort !== 'relevance') pairs.push(['sort', s.sort]);
    if (s.from) pairs.push(['from', s.from]);
    if (s.to) pairs.push(['to', s.to]);
    if (s.story) pairs.push(['story', s.story], ['collapse', '0']);
    for (const t of FILTER_TYPES) for (const v of s.filters[t]) pairs.push([t, v]);
    return pairs;
  }

  /** Percent-encode (spaces as %20, never '+', so any server decodes it the same way). */
  function encodePairs(pairs) {
    return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  }

  function stateToUrl(s) {
    const qs = encodePairs(statePairs(s, false));
    return location.pathname + (qs ? `?${qs}` : '');
  }

  function apiQuery(s) {
    return encodePairs(statePairs(s, true));
  }

  function hasFilters(s) {
    return FILTER_TYPES.some((t) => s.filters[t].length > 0) || Boolean(s.from || s.to);
  }

  function isSearch(s) {
    return Boolean(s.q) || hasFilters(s);
  }

  // ---------------------------------------------------------------- fetch

  class ApiError extends Error {}

  async function fetchJson(url, signal) {
    let res;
    try {
      res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    } catch (err) {
      if (err.name === 'AbortError') throw err;
      throw new ApiError('सर्वर से संपर्क नहीं हो सका। कृपया इंटरनेट/सर्वर जाँचकर फिर कोशिश करें।');
    }
    let data = null;
    try { data = await res.json(); } catch (_) { /* non-JSON body */ }
    if (!res.ok) {
      const msg = data && data.error && data.error.message;
      if (msg) throw new ApiError(String(msg));
      if (res.status === 404) throw new ApiError('यह दस्तावेज़ नहीं मिला।');
      throw new ApiError(`सर्वर त्रुटि (${res.status})। कृपया थोड़ी देर बाद फिर कोशिश करें।`);
    }
    if (!data || typeof data !== 'object') throw new ApiError('सर्वर से अमान्य उत्तर मिला।');
    return data;
  }

  function fetchSearch(s, signal) {
    return fetchJson(`/api/search?${apiQuery(s)}`, signal);
  }

  function fetchDoc(id, signal) {
    return fetchJson(`/api/doc/${encodeURIComponent(id)}`, signal);
  }

  function fetchSimilar(id, signal) {
    return fetchJson(`/api/similar/${encodeURIComponent(id)}?per_page=${SIMILAR_LIMIT}`, signal);
  }

  function fetchStats() {
    return fetchJson('/api/stats');
  }

  function fetchSuggest(q, signal) {
    return fetchJson(`/api/suggest?${encodePairs([['q', q], ['limit', String(SUGGEST_LIMIT)]])}`, signal);
  }

  // ---------------------------------------------------------------- render: form

  function syncForm(s) {
    if (document.activeElement !== els.q || els.q.value.trim() !== s.q) els.q.value = s.q;
    els.sort.value = s.sort;
    els.from.value = s.from;
    els.to.value = s.to;
    renderToolsSummary(s);
    document.title = s.q ? `${s.q} — तलाश` : 'तलाश · Talash — हिंदी समाचार खोज';
  }

  /** One-line summary shown on narrow screens, where sort/dates sit in a collapsed <details>. */
  function renderToolsSummary(s) {
    const sortLabel = els.sort.querySelector(`option[value="${s.sort}"]`);
    let dates = 'सभी तारीखें';
    if (s.from && s.to) dates = `${formatDate(s.from)} – ${formatDate(s.to)}`;
    else if (s.from) dates = `${formatDate(s.from)} से`;
    else if (s.to) dates = `${formatDate(s.to)} तक`;
    els.toolsSummary.textContent = `${sortLabel ? sortLabel.textContent : s.sort} · ${dates}`;
  }

  // ---------------------------------------------------------------- render: landing

  function renderLanding() {
    els.landing.hidden = false;
    els.view.hidden = true;
    els.examples.replaceChildren(...EXAMPLES.map((q) => {
      const s = emptyState();
      s.q = q;
      return h('li', null, h('a', { href: stateToUrl(s), 'data-nav': true }, q));
    }));
    if (!els.landingStats.textContent) {
      fetchStats().then((st) => {
        if (Number.isFinite(st.documents)) {
          els.landingStats.textContent = `${formatNumber(st.documents)} समाचार दस्तावेज़ों में खोजें।`;
        }
      }).catch(() => { /* stats are optional */ });
    }
  }

  // ---------------------------------------------------------------- render: status & messages

  function setLoading(on) {
    els.view.classList.toggle('is-loading', on);
    els.hits.setAttribute('aria-busy', on ? 'true' : 'false');
    if (on) els.status.textContent = 'खोज जारी है…';
  }

  function renderStatus(data, s) {
    const total = Number(data.total) || 0;
    const count = `${data.total_is_exact === false ? 'लगभग ' : ''}${formatNumber(total)} परिणाम`;
    const took = formatSeconds(Number(data.took_ms));
    const page = s.page > 1 ? `पृष्ठ ${formatNumber(s.page)} · ` : '';
    els.status.textContent = `${page}${count}${took ? ` (${took})` : ''}`;
  }

  const ALSO_SHOWN = 6;   // variants listed per query word; the rest are counted

  /**
   * The words the server also searched as other spellings or names ("इन्हें भी खोजा: …"),
   * with a switch to exact spelling; or, when exact is on, a note and the way back.
   */
  function renderAlso(data, s) {
    const toggle = (on, text) => h('button', { type: 'button', class: 'link-button also-toggle', 'data-exact': on ? '1' : '0' }, text);
    if (s.exact) {
      els.also.replaceChildren(
        h('span', { class: 'also-label' }, 'सिर्फ़ लिखी वर्तनी खोजी गई।'), ' ',
        toggle(false, 'सभी वर्तनियाँ खोजें'));
      els.also.hidden = false;
      return;
    }
    // One group per query word: its other spellings and its entity's other names together.
    const byQuery = new Map();
    for (const g of (data && Array.isArray(data.also_searched)) ? data.also_searched : []) {
      if (!g || !Array.isArray(g.also)) continue;
      const query = typeof g.query === 'string' ? g.query : '';
      const words = g.also.filter((w) => typeof w === 'string' && w && w !== query);
      if (words.length === 0) continue;
      if (!byQuery.has(query)) byQuery.set(query, { query, words: [], kinds: [] });
      const group = byQuery.get(query);
      group.words = unique([...group.words, ...words]);
      group.kinds = unique([...group.kinds, String(g.kind || '')]);
    }
    const groups = [...byQuery.values()];
    if (groups.length === 0) {
      els.also.hidden = true;
      els.also.replaceChildren();
      return;
    }
    const parts = [h('span', { class: 'also-label' }, 'इन्हें भी खोजा:'), ' '];
    groups.forEach((g, i) => {
      if (i) parts.push(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
      const shown = g.words.slice(0, ALSO_SHOWN).join(', ');
      const more = g.words.length > ALSO_SHOWN ? ` और ${formatNumber(g.words.length - ALSO_SHOWN)}` : '';
      parts.push(h('span', {
        class: 'also-group', 'data-kind': g.kinds.join(' ') || null,
        title: g.kinds.includes('entity') ? 'दूसरी वर्तनियाँ और इसी नाम के दूसरे रूप' : 'दूसरी वर्तनियाँ',
      }, h('span', { class: 'also-words' }, shown + more), g.query ? ` (${g.query} के लिए)` : null));
    });
    parts.push(' ', toggle(true, 'सिर्फ़ लिखी वर्तनी खोजें'));
    els.also.replaceChildren(...parts);
    els.also.hidden = false;
  }

  /** "Did you mean": the server's query with unknown words replaced by the closest ones it has. */
  function renderDidYouMean(data) {
    const suggestion = data && typeof data.suggestion === 'string' ? data.suggestion.trim() : '';
    if (!suggestion) {
      els.didYouMean.hidden = true;
      els.didYouMean.replaceChildren();
      return;
    }
    els.didYouMean.replaceChildren(
      h('span', { class: 'also-label' }, 'क्या आपका मतलब था:'), ' ',
      h('button', { type: 'button', class: 'link-button', 'data-did-you-mean': suggestion }, suggestion));
    els.didYouMean.hidden = false;
  }

  function renderError(message) {
    els.error.replaceChildren(
      h('p', { class: 'error-title' }, 'खोज पूरी नहीं हो सकी'),
      h('p', null, message),
    );
    els.error.hidden = false;
    els.status.textContent = '';
  }

  function clearMessages() {
    els.error.hidden = true;
    els.error.replaceChildren();
    els.relaxed.hidden = true;
    els.empty.hidden = true;
    els.pastEnd.hidden = true;
  }

  // ---------------------------------------------------------------- render: results

  function renderHits(hits) {
    els.hits.replaceChildren(...hits.map(renderHit));
  }

  function renderHit(hit) {
    const href = safeHttpUrl(hit.url);
    const titleContent = hit.title_html ? markedFragment(hit.title_html) : String(hit.title || hit.id || '(शीर्षक नहीं)');
    const titleEl = href
      ? h('a', { href, rel: 'noopener noreferrer' }, titleContent)
      : h('button', { type: 'button', class: 'title-button', 'data-doc': hit.id }, titleContent);

    const metaParts = [];
    if (hit.date) metaParts.push(h('time', { datetime: validDate(hit.date) || null }, formatDate(hit.date)));
    if (hit.source) metaParts.push(h('span', { class: 'hit-source' }, String(hit.source)));
    if (hit.category) metaParts.push(h('span', { class: 'hit-category' }, categoryLabel(hit.category)));
    const meta = h('p', { class: 'hit-meta' });
    metaParts.forEach((part, i) => {
      if (i) meta.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
      meta.append(part);
    });

    const snippet = hit.snippet ? h('p', { class: 'snippet' }, markedFragment(hit.snippet)) : null;
    const hasId = hit.id !== null && hit.id !== undefined && String(hit.id) !== '';
    const panelId = hasId ? `similar-${++similarPanels}` : null;
    const actions = h('p', { class: 'hit-actions' },
      href ? h('span', { class: 'hit-host' }, hostOf(href)) : null,
      href && hasId ? h('button', { type: 'button', class: 'link-button', 'data-doc': hit.id }, 'पूरा पाठ देखें') : null,
      hasId ? h('button', {
        type: 'button', class: 'link-button similar-toggle', 'data-similar': String(hit.id),
        'aria-expanded': 'false', 'aria-controls': panelId,
      }, 'मिलती-जुलती ख़बरें') : null,
      // Agency copies of this story, collapsed into this hit by the server.
      Number.isFinite(hit.duplicates) && hit.duplicates > 0 && /^[0-9a-f]{16}$/.test(String(hit.story || ''))
        ? h('button', { type: 'button', class: 'link-button', 'data-story': String(hit.story) },
          `इसी ख़बर की ${formatNumber(hit.duplicates)} और प्रतियाँ`)
        : null);
    const panel = hasId
      ? h('div', { id: panelId, class: 'similar', role: 'region', 'aria-label': 'मिलती-जुलती ख़बरें', tabindex: '-1', hidden: true })
      : null;

    return h('li', { class: 'hit' },
      h('article', null, meta, h('h2', { class: 'hit-title' }, titleEl), snippet, actions, panel));
  }

  // ---------------------------------------------------------------- render: similar stories
  //
  // Each hit has a "मिलती-जुलती ख़बरें" disclosure button; expanding it asks
  // /api/similar/<id> once (answers are cached) and lists the stories below the hit.
  // A title opens the same document dialog as a hit without a URL.

  let similarPanels = 0;                 // unique ids for the panels (hit ids may hold any character)
  const similarCache = new Map();        // hit id -> similar hits (successful answers only)
  const SIMILAR_CACHE_SIZE = 100;

  function toggleSimilar(btn) {
    const panel = document.getElementById(btn.getAttribute('aria-controls'));
    if (!panel) return;
    if (btn.getAttribute('aria-expanded') === 'true') {
      btn.setAttribute('aria-expanded', 'false');
      panel.hidden = true;
      if (panel.similarAbort) panel.similarAbort.abort();
      return;
    }
    btn.setAttribute('aria-expanded', 'true');
    panel.hidden = false;
    const id = btn.dataset.similar;
    if (similarCache.has(id)) {
      renderSimilar(panel, id, similarCache.get(id));
      return;
    }
    loadSimilar(panel, id);
  }

  async function loadSimilar(panel, id) {
    if (panel.similarAbort) panel.similarAbort.abort();
    const abort = new AbortController();
    panel.similarAbort = abort;
    panel.setAttribute('aria-busy', 'true');
    panel.replaceChildren(h('p', { class: 'similar-status', role: 'status' }, 'मिलती-जुलती ख़बरें खोजी जा रही हैं…'));
    try {
      const data = await fetchSimilar(id, abort.signal);
      const list = (Array.isArray(data.hits) ? data.hits : [])
        .filter((it) => it && it.id != null && String(it.id) !== id)   // never the story itself
        .slice(0, SIMILAR_LIMIT);
      if (similarCache.size >= SIMILAR_CACHE_SIZE) similarCache.delete(similarCache.keys().next().value);
      similarCache.set(id, list);
      if (abort.signal.aborted) return;
      renderSimilar(panel, id, list);
    } catch (err) {
      if (err.name === 'AbortError' || abort.signal.aborted) return;
      panel.replaceChildren(h('div', { class: 'similar-error', role: 'alert' },
        h('p', null, 'मिलती-जुलती ख़बरें नहीं मिल सकीं: ', err instanceof ApiError ? err.message : 'अज्ञात त्रुटि।'), ' ',
        h('button', { type: 'button', class: 'link-button', 'data-similar-retry': id }, 'फिर कोशिश करें')));
    } finally {
      if (panel.similarAbort === abort) {
        panel.similarAbort = null;
        panel.removeAttribute('aria-busy');
      }
    }
  }

  function renderSimilar(panel, id, list) {
    if (list.length === 0) {
      panel.replaceChildren(h('p', { class: 'similar-status', role: 'status' }, 'इससे मिलती-जुलती कोई ख़बर नहीं मिली।'));
      return;
    }
    panel.replaceChildren(
      h('h3', { class: 'similar-heading' }, 'मिलती-जुलती ख़बरें'),
      h('ul', { class: 'similar-list' }, list.map((it) => {
        const meta = [];
        if (it.source) meta.push(h('span', { class: 'hit-source' }, String(it.source)));
        if (it.date) meta.push(h('time', { datetime: validDate(it.date) || null }, formatDate(it.date)));
        const metaEl = meta.length ? h('span', { class: 'similar-meta' }) : null;
        meta.forEach((m, i) => {
          if (i) metaEl.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
          metaEl.append(m);
        });
        return h('li', { class: 'similar-item' },
          h('button', { type: 'button', class: 'link-button similar-title', 'data-doc': String(it.id) },
            String(it.title || it.id)),
          metaEl ? ' ' : null, metaEl);
      })));
  }

  function renderEmpty(data, s) {
    if (s.page > 1 && Number(data.total) > 0) {
      // Asked for a page past the end (e.g. an old shared link): offer page 1.
      const first = cloneState(s);
      first.page = 1;
      els.firstPageLink.href = stateToUrl(first);
      els.pastEnd.hidden = false;
      return;
    }
    els.empty.hidden = false;
    els.emptyFiltersTip.hidden = !hasFilters(s);
  }

  // ---------------------------------------------------------------- render: facets

  // Beyond the server's bound, facet counts are scaled from a sample.
  let facetsEstimated = false;

  function renderFacets(facets, s) {
    const groups = [renderDateChart(facets, s),
      ...FILTER_TYPES.map((type) => renderFacetGroup(type, (facets && facets[type]) || [], s))]
      .filter(Boolean);
    els.facetGroups.replaceChildren(...groups);
    els.facets.hidden = groups.length === 0;
  }

  function renderFacetGroup(type, items, s) {
    const selected = s.filters[type];
    const list = Array.isArray(items) ? items.filter((it) => it && it.id != null) : [];
    for (const it of list) rememberLabel(type, String(it.id), it.label);
    // Selected values always appear (first), even when the server did not return them.
    const known = new Set(list.map((it) => String(it.id)));
    const missing = selected.filter((id) => !known.has(id)).map((id) => ({ id, label: labelFor(type, id) }));
    const all = [...missing, ...list];
    if (all.length === 0) return null;

    const expanded = expandedFacets.has(type);
    const visible = expanded ? all : all.filter((it, i) => i < FACET_VISIBLE || selected.includes(String(it.id)));
    const headingId = `facet-h-${type}`;
    const ul = h('ul', { class: 'facet-list', 'aria-labelledby': headingId },
      visible.map((it) => renderFacetItem(type, it, selected.includes(String(it.id)))));
    const section = h('section', { class: 'facet-group' },
      h('h3', { id: headingId, class: 'facet-heading' }, FACET_TITLES[type]), ul);
    if (all.length > FACET_VISIBLE) {
      const hiddenCount = all.length - visible.length;
      section.append(h('button', {
        type: 'button', class: 'link-button facet-more', 'data-facet-more': type, 'aria-expanded': String(expanded),
      }, expanded ? 'कम दिखाएँ' : `और दिखाएँ (${formatNumber(hiddenCount)})`));
    }
    return section;
  }

  // ---------------------------------------------------------------- render: month chart
  //
  // facets.month (when the server sends it): [{id: "2024-06", label, count}], months ascending.
  // One button per month, a bar drawn as an SVG rect whose height is an attribute (the CSP
  // forbids style attributes). A click filters from/to to that month; a second click on the
  // selected month removes the dates. One tab stop; arrow keys, Home and End move along.

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const BAR_HEIGHT = 48;   // the SVG's user units; CSS sizes the SVG itself

  function svg(tag, attrs) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    return el;
  }

  /** "2024-06" -> { from: "2024-06-01", to: "2024-06-30", name: "जून 2024" }, or null. */
  function monthRange(id) {
    const m = MONTH_ID.exec(String(id));
    if (!m) return null;
    const year = Number(m[1]);
    const month = Number(m[2]);
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}`, name: `${MONTHS[month - 1]} ${m[1]}` };
  }

  const DAY_ID = /^(\d{4})-(\d{2})-(\d{2})$/;

  /** "2024-06-02" -> { from: "2024-06-02", to: "2024-06-02", name: "2 जून 2024" }, or null. */
  function dayRange(id) {
    const m = DAY_ID.exec(String(id));
    if (!m || !MONTHS[Number(m[2]) - 1]) return null;
    return { from: m[0], to: m[0], name: `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` };
  }

  // The server adds facets.day when the dated matches span a few weeks: then one bar per day.
  function renderDateChart(facets, s) {
    const days = facets && facets.day;
    if (Array.isArray(days) && days.length >= 2) return renderMonthChart(days, s, 'day');
    return renderMonthChart(facets && facets.month, s, 'month');
  }

  function monthLabel(name, count) {
    const n = `${facetsEstimated ? 'लगभग ' : ''}${formatNumber(count)}`;
    return `${name}: ${n} ${count === 1 && !facetsEstimated ? 'ख़बर' : 'ख़बरें'}`;
  }

  function renderMonthChart(items, s, kind) {
    if (!Array.isArray(items)) return null;
    const pattern = kind === 'day' ? DAY_ID : MONTH_ID;
    const range = kind === 'day' ? dayRange : monthRange;
    const seen = new Set();
    const months = items
      .filter((it) => it && pattern.test(String(it.id)) && Number.isFinite(it.count) && it.count >= 0)
      .filter((it) => !seen.has(String(it.id)) && seen.add(String(it.id)))
      .map((it) => ({ id: String(it.id), count: it.count, ...range(it.id) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (months.length < 2) return null;

    const max = Math.max(1, ...months.map((m) => m.count));
    const selected = months.findIndex((m) => m.from === s.from && m.to === s.to);
    const focusable = selected >= 0 ? selected : months.length - 1;
    const headingId = `facet-h-${kind}`;
    const bars = months.map((m, i) => {
      // Any month with matches gets a visible bar, however small next to the largest.
      const height = m.count > 0 ? Math.max(2, Math.round((m.count / max) * BAR_HEIGHT)) : 0;
      const label = monthLabel(m.name, m.count);
      const graphic = svg('svg', {
        class: 'month-bar-svg', viewBox: `0 0 10 ${BAR_HEIGHT}`, preserveAspectRatio: 'none',
        'aria-hidden': 'true', focusable: 'false',
      });
      graphic.append(svg('rect', { class: 'month-bar-rect', x: 1, y: BAR_HEIGHT - height, width: 8, height }));
      return h('li', { class: 'month-cell' }, h('button', {
        type: 'button', class: 'month-bar', 'aria-label': label, title: label,
        'aria-pressed': String(i === selected), tabindex: i === focusable ? '0' : '-1',
        'data-month': m.id, 'data-from': m.from, 'data-to': m.to,
      }, graphic));
    });
    const first = months[0];
    const last = months[months.length - 1];
    return h('section', { class: 'facet-group month-facet' },
      h('h3', { id: headingId, class: 'facet-heading' }, kind === 'day' ? 'दिन' : 'महीने'),
      h('ul', { class: 'month-chart', 'aria-labelledby': headingId }, bars),
      h('p', { class: 'month-axis', 'aria-hidden': 'true' },
        h('span', null, first.name), h('span', null, last.name)));
  }

  function onMonthKeydown(e) {
    const t = e.target instanceof Element ? e.target.closest('button[data-month]') : null;
    if (!t || e.altKey || e.ctrlKey || e.metaKey) return;
    const bars = [...els.facetGroups.querySelectorAll('button[data-month]')];
    const i = bars.indexOf(t);
    let j = i;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') j = Math.min(bars.length - 1, i + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') j = Math.max(0, i - 1);
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = bars.length - 1;
    else return;
    e.preventDefault();
    for (const b of bars) b.tabIndex = -1;
    bars[j].tabIndex = 0;
    bars[j].focus();
  }

  function toggleMonth(bar) {
    const next = cloneState(current);
    const on = current.from === bar.dataset.from && current.to === bar.dataset.to;
    next.from = on ? '' : bar.dataset.from;
    next.to = on ? '' : bar.dataset.to;
    next.page = 1;
    return next;
  }

  function renderFacetItem(type, it, pressed) {
    const id = String(it.id);
    const label = String(it.label || id);
    const en = it.label_en && String(it.label_en) !== label ? String(it.label_en) : null;
    const count = Number.isFinite(it.count) ? `${facetsEstimated ? '≈' : ''}${formatNumber(it.count)}` : '';
    return h('li', null, h('button', {
      type: 'button', class: 'facet-item', 'aria-pressed': String(pressed),
      'data-filter-type': type, 'data-filter-id': id,
      title: en ? `${label} (${en})` : label,
    },
    h('span', { class: 'facet-check', 'aria-hidden': 'true' }),
    h('span', { class: 'facet-label' }, label, en ? h('span', { class: 'facet-en', lang: 'en' }, en) : null),
    count ? h('span', { class: 'facet-count' }, h('span', { class: 'visually-hidden' }, ', '), count, h('span', { class: 'visually-hidden' }, ' परिणाम')) : null));
  }

  // ---------------------------------------------------------------- render: chips

  function renderChips(s) {
    const chips = [];
    for (const type of FILTER_TYPES) {
      for (const id of s.filters[type]) {
        chips.push(chip(`${FACET_TITLES[type]}: ${labelFor(type, id)}`, { 'data-remove-type': type, 'data-remove-id': id }));
      }
    }
    if (s.from) chips.push(chip(`${formatDate(s.from)} से`, { 'data-remove-type': 'from' }));
    if (s.to) chips.push(chip(`${formatDate(s.to)} तक`, { 'data-remove-type': 'to' }));
    if (s.story) chips.push(chip('एक ही ख़बर की प्रतियाँ', { 'data-remove-type': 'story' }));
    if (chips.length > 1) {
      chips.push(h('li', null, h('button', { type: 'button', class: 'link-button', 'data-clear-filters': true }, 'सभी हटाएँ')));
    }
    els.chipList.replaceChildren(...chips);
    els.chips.hidden = chips.length === 0;
  }

  function chip(text, data) {
    return h('li', { class: 'chip' },
      h('span', { class: 'chip-text' }, text),
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': `फ़िल्टर हटाएँ: ${text}`, title: 'हटाएँ', ...data },
        h('span', { 'aria-hidden': 'true' }, '×')));
  }

  // ---------------------------------------------------------------- render: pagination

  /** Page numbers to show: first, last, and a window around the current page, with gaps (null). */
  function pageWindow(page, last, radius) {
    const set = new Set([1, last]);
    for (let p = page - radius; p <= page + radius; p++) if (p >= 1 && p <= last) set.add(p);
    const sorted = [...set].sort((a, b) => a - b);
    const out = [];
    sorted.forEach((p, i) => {
      if (i && p - sorted[i - 1] > 1) out.push(null);
      out.push(p);
    });
    return out;
  }

  function renderPagination(data, s) {
    const perPage = Number(data.per_page) || PER_PAGE;
    const total = Number(data.total) || 0;
    let last = Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / perPage)));
    if (last < s.page) last = s.page;
    const page = s.page;
    if (last <= 1 && page <= 1) {
      els.pagination.hidden = true;
      els.pagination.replaceChildren();
      return;
    }
    const link = (p, content, attrs) => {
      const next = cloneState(s);
      next.page = p;
      return h('a', { href: stateToUrl(next), 'data-nav': true, 'data-focus-results': true, ...attrs }, content);
    };
    const items = [];
    items.push(page > 1
      ? link(page - 1, '← पिछला', { class: 'page-prev', rel: 'prev' })
      : h('span', { class: 'page-prev is-disabled', 'aria-disabled': 'true' }, '← पिछला'));
    const numbers = h('ul', { class: 'page-numbers' });
    const radius = window.matchMedia('(max-width: 640px)').matches ? 1 : 2;
    for (const p of pageWindow(page, last, radius)) {
      if (p === null) numbers.append(h('li', { class: 'page-gap', 'aria-hidden': 'true' }, '…'));
      else if (p === page) numbers.append(h('li', null, h('span', { 'aria-current': 'page', class: 'page-num is-current' }, h('span', { class: 'visually-hidden' }, 'वर्तमान पृष्ठ '), formatNumber(p))));
      else numbers.append(h('li', null, link(p, formatNumber(p), { class: 'page-num', 'aria-label': `पृष्ठ ${p}` })));
    }
    items.push(numbers);
    items.push(page < last
      ? link(page + 1, 'अगला →', { class: 'page-next', rel: 'next' })
      : h('span', { class: 'page-next is-disabled', 'aria-disabled': 'true' }, 'अगला →'));
    els.pagination.replaceChildren(...items);
    els.pagination.hidden = false;
  }

  // ---------------------------------------------------------------- render: document dialog

  function resetDoc() {
    els.docMeta.replaceChildren();
    els.docTitle.textContent = '';
    els.docStatus.textContent = '';
    els.docStatus.classList.remove('error');
    els.docBody.replaceChildren();
    els.docEntities.replaceChildren();
    els.docLink.replaceChildren();
  }

  function renderDoc(doc) {
    resetDoc();
    els.docTitle.textContent = String(doc.title || doc.id || '');
    const meta = [];
    if (doc.date) meta.push(h('time', { datetime: validDate(doc.date) || null }, formatDate(doc.date)));
    if (doc.source) meta.push(h('span', null, String(doc.source)));
    if (doc.category) meta.push(h('span', null, categoryLabel(doc.category)));
    meta.forEach((m, i) => {
      if (i) els.docMeta.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
      els.docMeta.append(m);
    });

    const paragraphs = String(doc.body || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    if (paragraphs.length === 0) els.docBody.append(h('p', { class: 'muted' }, 'इस दस्तावेज़ का पाठ उपलब्ध नहीं है।'));
    else els.docBody.append(...paragraphs.map((p) => h('p', null, p)));

    renderDocEntities(Array.isArray(doc.entities) ? doc.entities : []);

    const href = safeHttpUrl(doc.url);
    if (href) {
      els.docLink.append(h('a', { href, rel: 'noopener noreferrer' }, 'मूल समाचार पढ़ें'),
        h('span', { class: 'hit-host' }, ` (${hostOf(href)})`));
    }
  }

  function renderDocEntities(entities) {
    const byType = new Map();
    for (const e of entities) {
      if (!e || e.id == null) continue;
      const type = String(e.type || '');
      if (!byType.has(type)) byType.set(type, []);
      byType.get(type).push(e);
    }
    const blocks = [];
    for (const [type, list] of byType) {
      const filterable = FILTER_TYPES.includes(type) && type !== 'source';
      const title = ENTITY_TYPE_TITLES[type] || type || 'अन्य';
      const ul = h('ul', { class: 'entity-list' }, list.map((e) => {
        const id = String(e.id);
        const label = String(e.label || id);
        if (!filterable) return h('li', null, h('span', { class: 'entity' }, label));
        rememberLabel(type, id, label);
        const active = current.filters[type].includes(id);
        return h('li', null, h('button', {
          type: 'button', class: 'entity', 'data-entity-type': type, 'data-entity-id': id,
          disabled: active, title: active ? 'फ़िल्टर पहले से लागू है' : 'इस पर फ़िल्टर करें',
        }, label));
      }));
      blocks.push(h('div', { class: 'entity-block' }, h('h3', null, title), ul));
    }
    if (blocks.length) {
      els.docEntities.append(h('p', { class: 'entity-hint' }, 'इस समाचार में — किसी नाम पर क्लिक करके उससे जुड़े परिणाम छाँटें:'), ...blocks);
    }
  }

  async function openDoc(id, opener) {
    if (!id) return;
    docOpener = opener || null;
    if (docAbort) docAbort.abort();
    docAbort = new AbortController();
    const { signal } = docAbort;
    resetDoc();
    els.docTitle.textContent = 'लोड हो रहा है…';
    els.docStatus.textContent = 'दस्तावेज़ लोड हो रहा है…';
    if (!els.dialog.open) els.dialog.showModal();
    els.docClose.focus();
    try {
      const doc = await fetchDoc(id, signal);
      if (!signal.aborted) renderDoc(doc);
    } catch (err) {
      if (err.name === 'AbortError') return;
      resetDoc();
      els.docTitle.textContent = 'दस्तावेज़ नहीं खुल सका';
      els.docStatus.textContent = err instanceof ApiError ? err.message : 'अज्ञात त्रुटि।';
      els.docStatus.classList.add('error');
    }
  }

  function closeDoc() {
    if (els.dialog.open) els.dialog.close();
  }

  // ---------------------------------------------------------------- suggestions (combobox)
  //
  // ARIA combobox with a listbox popup: focus stays in the input, the highlighted
  // option is announced through aria-activedescendant. Typing asks /api/suggest
  // after a short pause; a response is shown only if nothing was typed, picked or
  // closed since it was asked for (suggestSeq).

  let suggestTimer = 0;
  let suggestSeq = 0;
  let suggestAbort = null;
  let suggestItems = [];
  let suggestActive = -1;
  const suggestCache = new Map();   // query -> suggestions (recent ones, for backspacing)
  const SUGGEST_CACHE_SIZE = 50;
  const utf8 = new TextEncoder();

  function suggestOpen() {
    return !els.suggest.hidden;
  }

  /** Drops any pending or running request: its answer will not be shown. */
  function stopSuggest() {
    suggestSeq++;
    clearTimeout(suggestTimer);
    if (suggestAbort) suggestAbort.abort();
    suggestAbort = null;
  }

  /** Hides the list and drops any pending or running request. */
  function cancelSuggest() {
    stopSuggest();
    hideSuggest();
  }

  function hideSuggest() {
    suggestItems = [];
    suggestActive = -1;
    els.suggest.hidden = true;
    els.suggest.replaceChildren();
    els.q.setAttribute('aria-expanded', 'false');
    els.q.removeAttribute('aria-activedescendant');
  }

  function validSuggestion(it) {
    return it && typeof it.text === 'string' && it.text.trim() !== '';
  }

  /** Asks for suggestions for what is in the box now: after the debounce, or at once. */
  function requestSuggest(immediate) {
    stopSuggest();
    const q = els.q.value.trim();
    if (!q || utf8.encode(q).length > SUGGEST_MAX_BYTES) {
      hideSuggest();
      return;
    }
    // The shown list stays (no flicker) until the new one comes, but nothing in it is
    // highlighted, so Enter meanwhile searches what was typed.
    if (suggestOpen()) setSuggestActive(-1);
    const seq = suggestSeq;
    if (suggestCache.has(q)) {
      showSuggest(suggestCache.get(q));
      return;
    }
    if (immediate) loadSuggest(q, seq);
    else suggestTimer = setTimeout(() => loadSuggest(q, seq), SUGGEST_DELAY_MS);
  }

  async function loadSuggest(q, seq) {
    if (seq !== suggestSeq) return;
    const abort = new AbortController();
    suggestAbort = abort;
    try {
      const data = await fetchSuggest(q, abort.signal);
      const list = (Array.isArray(data.suggestions) ? data.suggestions : []).filter(validSuggestion);
      if (suggestCache.size >= SUGGEST_CACHE_SIZE) suggestCache.delete(suggestCache.keys().next().value);
      suggestCache.set(q, list);
      if (seq !== suggestSeq) return;   // stale: the box changed, or the list was closed
      suggestAbort = null;
      showSuggest(list);
    } catch (_) {
      // Suggestions are optional: on any error just show none.
      if (seq === suggestSeq) hideSuggest();
    }
  }

  function suggestTypeLabel(type) {
    return FACET_TITLES[type] || ENTITY_TYPE_TITLES[type] || String(type);
  }

  function renderSuggestion(it, i) {
    const text = String(it.text);
    const entity = it.kind === 'entity';
    const type = entity && it.type ? suggestTypeLabel(it.type) : null;
    const en = entity && it.label_en && String(it.label_en) !== text ? String(it.label_en) : null;
    const count = Number.isFinite(it.documents) ? `${formatNumber(it.documents)} समाचार` : null;
    return h('li', {
      id: `suggest-${i}`, role: 'option', class: 'suggest-item', 'aria-selected': 'false',
      'aria-label': [text, type, en, count].filter(Boolean).join(', '),
      dataset: { suggestIndex: String(i), kind: entity ? 'entity' : 'title' },
    },
    h('span', { class: 'suggest-main' },
      h('span', { class: 'suggest-text' }, text),
      type ? h('span', { class: 'suggest-type', dataset: { type: String(it.type) } }, type) : null,
      en ? h('span', { class: 'suggest-en', lang: 'en' }, en) : null),
    count ? h('span', { class: 'suggest-count' }, count) : null);
  }

  function showSuggest(list) {
    if (!list.length || document.activeElement !== els.q) {
      hideSuggest();
      return;
    }
    suggestItems = list;
    suggestActive = -1;
    els.suggest.replaceChildren(...list.map(renderSuggestion));
    els.suggest.hidden = false;
    els.q.setAttribute('aria-expanded', 'true');
    els.q.removeAttribute('aria-activedescendant');
  }

  function setSuggestActive(i) {
    suggestActive = i;
    for (const li of els.suggest.children) {
      const on = Number(li.dataset.suggestIndex) === i;
      li.setAttribute('aria-selected', String(on));
      li.classList.toggle('is-active', on);
      if (on) li.scrollIntoView({ block: 'nearest' });
    }
    if (i >= 0) els.q.setAttribute('aria-activedescendant', `suggest-${i}`);
    else els.q.removeAttribute('aria-activedescendant');
  }

  /** Entity or headline word: the suggestion's text becomes the query. */
  function pickSuggestion(i) {
    const it = suggestItems[i];
    if (!it) return;
    els.q.value = String(it.text);
    cancelSuggest();
    els.form.requestSubmit();
  }

  function onQueryKeydown(e) {
    if (e.isComposing || e.keyCode === 229) return;   // an IME is composing (e.g. Devanagari input)
    if (e.ctrlKey || e.metaKey) return;
    const n = suggestItems.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!suggestOpen()) requestSuggest(true);
        // Past the last option the typed text is current again.
        else setSuggestActive(suggestActive + 1 >= n ? -1 : suggestActive + 1);
        break;
      case 'ArrowUp':
        if (!suggestOpen()) return;
        e.preventDefault();
        setSuggestActive(suggestActive <= -1 ? n - 1 : suggestActive - 1);
        break;
      case 'Enter':
        if (suggestOpen() && suggestActive >= 0) {
          e.preventDefault();
          pickSuggestion(suggestActive);
        } else {
          cancelSuggest();   // the form submits what was typed
        }
        break;
      case 'Escape':
        // The first Escape closes the list; with no list, the search box clears itself.
        if (suggestOpen()) {
          e.preventDefault();
          cancelSuggest();
        }
        break;
      case 'Tab':
        cancelSuggest();
        break;
      default:
    }
  }

  function optionOf(e) {
    const t = e.target instanceof Element ? e.target : null;
    return t && t.closest('li[data-suggest-index]');
  }

  function initSuggest() {
    els.q.addEventListener('input', () => requestSuggest(false));
    els.q.addEventListener('keydown', onQueryKeydown);
    els.q.addEventListener('blur', cancelSuggest);
    // Keep focus in the box while pressing an option (mouse or touch), so blur does not close the list first.
    els.suggest.addEventListener('mousedown', (e) => e.preventDefault());
    els.suggest.addEventListener('click', (e) => {
      const li = optionOf(e);
      if (li) pickSuggestion(Number(li.dataset.suggestIndex));
    });
    els.suggest.addEventListener('mousemove', (e) => {
      const li = optionOf(e);
      if (li && Number(li.dataset.suggestIndex) !== suggestActive) setSuggestActive(Number(li.dataset.suggestIndex));
    });
  }

  // ---------------------------------------------------------------- controller

  /** Move to a new state: update the URL (push unless replace) and run the search. */
  function navigate(next, opts = {}) {
    const url = stateToUrl(next);
    const here = location.pathname + location.search;
    if (opts.replace) history.replaceState(null, '', url);
    else if (url !== here) history.pushState(null, '', url);
    current = next;
    syncForm(current);
    return run(current, opts);
  }

  async function run(s, opts = {}) {
    if (!isSearch(s)) {
      if (searchAbort) searchAbort.abort();
      lastData = null;
      renderLanding();
      return;
    }
    els.landing.hidden = true;
    els.view.hidden = false;
    renderChips(s);
    clearMessages();
    setLoading(true);

    const seq = ++searchSeq;
    if (searchAbort) searchAbort.abort();
    searchAbort = new AbortController();
    try {
      const data = await fetchSearch(s, searchAbort.signal);
      if (seq !== searchSeq) return;
      lastData = data;
      renderResults(data, s);
    } catch (err) {
      if (err.name === 'AbortError' || seq !== searchSeq) return;
      lastData = null;
      els.hits.replaceChildren();
      els.pagination.hidden = true;
      els.facets.hidden = true;
      renderError(err instanceof ApiError ? err.message : 'अज्ञात त्रुटि हुई।');
      renderAlso(null, s);
      renderDidYouMean(null);
    } finally {
      if (seq === searchSeq) setLoading(false);
    }
    if (seq === searchSeq) afterRender(opts);
  }

  function renderResults(data, s) {
    const hits = Array.isArray(data.hits) ? data.hits : [];
    renderStatus(data, s);
    renderAlso(data, s);
    renderDidYouMean(data);
    els.relaxed.hidden = !data.relaxed || hits.length === 0;
    renderHits(hits);
    if (hits.length === 0) renderEmpty(data, s);
    facetsEstimated = data.facets_exact === false;
    renderFacets(data.facets, s);
    renderChips(s);   // labels may have been learned from facets
    renderPagination(data, s);
  }

  /** Restore focus after a re-render (facet toggles, chip removal, pagination). */
  function afterRender(opts) {
    if (opts.focusResults) {
      window.scrollTo(0, 0);
      els.status.setAttribute('tabindex', '-1');
      els.status.focus({ preventScroll: true });
    } else if (opts.focusFacet) {
      const { type, id } = opts.focusFacet;
      const btn = [...els.facetGroups.querySelectorAll('button[data-filter-type]')]
        .find((b) => b.dataset.filterType === type && b.dataset.filterId === id);
      (btn || els.facets).focus({ preventScroll: Boolean(btn) });
    } else if (opts.focusMonth) {
      // The chart is gone when the filtered results fall in one month: then the chips.
      const bar = [...els.facetGroups.querySelectorAll('button[data-month]')].find((b) => b.dataset.month === opts.focusMonth);
      const chipBtn = els.chipList.querySelector('button');
      if (bar) {
        for (const b of els.facetGroups.querySelectorAll('button[data-month]')) b.tabIndex = b === bar ? 0 : -1;
      }
      (bar || chipBtn || els.facets).focus();
    } else if (opts.focusExact) {
      (els.also.querySelector('button[data-exact]') || els.q).focus();
    } else if (opts.focusChips) {
      const first = els.chipList.querySelector('button');
      (first || els.q).focus();
    }
  }

  function toggleFilter(type, id) {
    const next = cloneState(current);
    const list = next.filters[type];
    const i = list.indexOf(id);
    if (i >= 0) list.splice(i, 1); else list.push(id);
    next.page = 1;
    return next;
  }

  function clearFilters(s) {
    const next = cloneState(s);
    for (const t of FILTER_TYPES) next.filters[t] = [];
    next.from = '';
    next.to = '';
    next.story = '';
    next.page = 1;
    return next;
  }

  // ---------------------------------------------------------------- events

  function onSubmit(e) {
    e.preventDefault();
    cancelSuggest();
    const next = cloneState(current);
    next.q = els.q.value.trim();
    next.sort = SORTS.includes(els.sort.value) ? els.sort.value : 'relevance';
    next.from = validDate(els.from.value);
    next.to = validDate(els.to.value);
    next.page = 1;
    navigate(next);
  }

  function onToolChange() {
    if (!isSearch(current) && !els.q.value.trim()) return;
    els.form.requestSubmit();
  }

  function onClick(e) {
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;

    const nav = t.closest('a[data-nav]');
    if (nav) {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      const url = new URL(nav.href);
      navigate(stateFromUrl(url.search), { focusResults: nav.hasAttribute('data-focus-results') });
      return;
    }

    const facet = t.closest('button[data-filter-type]');
    if (facet) {
      const { filterType: type, filterId: id } = facet.dataset;
      navigate(toggleFilter(type, id), { focusFacet: { type, id } });
      return;
    }

    const month = t.closest('button[data-month]');
    if (month) {
      navigate(toggleMonth(month), { focusMonth: month.dataset.month });
      return;
    }

    const more = t.closest('button[data-facet-more]');
    if (more) {
      const type = more.dataset.facetMore;
      if (expandedFacets.has(type)) expandedFacets.delete(type); else expandedFacets.add(type);
      if (lastData) renderFacets(lastData.facets, current);
      const again = els.facetGroups.querySelector(`button[data-facet-more="${type}"]`);
      if (again) again.focus();
      return;
    }

    const remove = t.closest('button[data-remove-type]');
    if (remove) {
      const type = remove.dataset.removeType;
      const next = cloneState(current);
      if (type === 'from' || type === 'to' || type === 'story') next[type] = '';
      else next.filters[type] = next.filters[type].filter((v) => v !== remove.dataset.removeId);
      next.page = 1;
      navigate(next, { focusChips: true });
      return;
    }

    const story = t.closest('button[data-story]');
    if (story) {
      const next = cloneState(current);
      next.story = story.dataset.story;
      next.page = 1;
      navigate(next, { focusChips: true });
      return;
    }

    const meant = t.closest('button[data-did-you-mean]');
    if (meant) {
      els.q.value = meant.dataset.didYouMean;
      els.form.requestSubmit();
      return;
    }

    const exact = t.closest('button[data-exact]');
    if (exact) {
      const next = cloneState(current);
      next.exact = exact.dataset.exact === '1';
      next.page = 1;
      navigate(next, { focusExact: true });
      return;
    }

    if (t.closest('button[data-clear-filters]') || t.closest('#empty-clear')) {
      navigate(clearFilters(current), { focusChips: true });
      return;
    }

    const similarBtn = t.closest('button[data-similar]');
    if (similarBtn) {
      toggleSimilar(similarBtn);
      return;
    }

    const retry = t.closest('button[data-similar-retry]');
    if (retry) {
      const panel = retry.closest('.similar');
      if (panel) {
        loadSimilar(panel, retry.dataset.similarRetry);
        panel.focus();   // the retry button is gone
      }
      return;
    }

    const docBtn = t.closest('button[data-doc]');
    if (docBtn) {
      openDoc(docBtn.dataset.doc, docBtn);
      return;
    }

    const entity = t.closest('button[data-entity-type]');
    if (entity) {
      const { entityType: type, entityId: id } = entity.dataset;
      closeDoc();
      if (!current.filters[type].includes(id)) navigate(toggleFilter(type, id), { focusResults: true });
    }
  }

  function onKeydown(e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (els.dialog.open) return;
    const t = e.target instanceof Element ? e.target : null;
    if (t && t.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return;
    e.preventDefault();
    els.q.focus();
    els.q.select();
  }

  function onDialogClick(e) {
    // A click on the backdrop targets the <dialog> element itself.
    if (e.target !== els.dialog) return;
    const r = els.dialog.getBoundingClientRect();
    const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    if (!inside) closeDoc();
  }

  function onDialogClose() {
    if (els.dialog.open) return;   // 'close' is async: the dialog may already be reopened
    if (docAbort) docAbort.abort();
    if (docOpener && document.contains(docOpener)) docOpener.focus();
    docOpener = null;
  }

  function onPopState() {
    const next = stateFromUrl(location.search);
    // In-page anchors (#main, #facets) also fire popstate: nothing to redo then.
    if (stateToUrl(next) === stateToUrl(current) && lastData) return;
    closeDoc();
    cancelSuggest();
    current = next;
    syncForm(current);
    run(current);
  }

  function init() {
    els.form.addEventListener('submit', onSubmit);
    els.sort.addEventListener('change', onToolChange);
    els.from.addEventListener('change', onToolChange);
    els.to.addEventListener('change', onToolChange);
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKeydown);
    els.docClose.addEventListener('click', closeDoc);
    els.dialog.addEventListener('click', onDialogClick);
    els.facetGroups.addEventListener('keydown', onMonthKeydown);
    els.dialog.addEventListener('close', onDialogClose);
    window.addEventListener('popstate', onPopState);
    initSuggest();

    current = stateFromUrl(location.search);
    // On phones the sort/date tools start collapsed (unless a date range is set).
    if (window.matchMedia('(max-width: 640px)').matches && !current.from && !current.to) els.tools.open = false;
    // Normalise the URL (e.g. drop invalid params) without adding a history entry.
    history.replaceState(null, '', stateToUrl(current));
    syncForm(current);
    run(current);
    if (!current.q) els.q.focus({ preventScroll: true });
  }

  init();
})();
