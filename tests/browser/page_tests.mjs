#!/usr/bin/env node
// Browser tests of the search page (web/) in real headless Chromium.
// Usage: node page_tests.mjs --talash BIN --chromium BIN --web DIR --corpus FILE [--seeds DIR] [TEST...]
// Each test gets its own index, server and browser; ctest runs one test per process.
import assert from 'node:assert/strict';
import { withPage } from './harness.mjs';

// ------------------------------------------------------------------ helpers

/** Waits until no search is running and the page shows a result count or an error. */
async function settled(page) {
  await page.waitFor(() => {
    const view = document.getElementById('search-view');
    if (view.hidden || view.classList.contains('is-loading')) return false;
    return /परिणाम/.test(document.getElementById('status').textContent) || !document.getElementById('error').hidden;
  }, { what: 'the search to finish' });
}

/** Runs a page action that starts a search, and waits for that search (not an older one). */
async function act(page, action) {
  await page.eval(() => { document.getElementById('status').textContent = ''; });
  await action();
  await settled(page);
}

async function search(page, query) {
  await act(page, async () => {
    await page.type('#q', query);
    await page.press('Enter');
  });
}

/** Everything a user sees of the search state, to compare before and after a reload. */
function snapshot(page) {
  return page.eval(() => {
    const text = (el) => (el && !el.hidden ? el.textContent.replace(/\s*\((\d+\.\d+|0\.001 से कम) सेकंड\)/, '').trim() : null);
    return {
      url: location.pathname + location.search,
      q: document.getElementById('q').value,
      sort: document.getElementById('sort').value,
      status: text(document.getElementById('status')),
      also: text(document.getElementById('also')),
      chips: [...document.querySelectorAll('#chip-list .chip-text')].map((c) => c.textContent),
      pressed: [...document.querySelectorAll('#facet-groups button[aria-pressed="true"]')].map((b) => b.dataset.filterId),
      hits: [...document.querySelectorAll('#hits .hit-title')].map((t) => t.textContent),
    };
  });
}

function total(status) {
  const m = /([\d,]+) परिणाम/.exec(status || '');
  assert.ok(m, `no result count in status ${JSON.stringify(status)}`);
  return Number(m[1].replace(/,/g, ''));
}

async function status(page) {
  return page.eval('document.getElementById("status").textContent');
}

async function params(page) {
  return page.eval(() => [...new URLSearchParams(location.search)]);
}

function assertNoErrors(page, allowed = () => false) {
  const errors = page.errors.filter((e) => !allowed(e));
  assert.deepEqual(errors, [], 'the page reported errors');
  assert.deepEqual(page.dialogs, [], 'a dialog opened');
}

/** The search box's suggestion list as a user and a screen reader see it. */
function suggestions(page) {
  return page.eval(() => {
    const q = document.getElementById('q');
    const list = document.getElementById('suggest-list');
    const text = (li, sel) => (li.querySelector(sel) ? li.querySelector(sel).textContent : null);
    return {
      open: !list.hidden && list.getBoundingClientRect().height > 0,
      expanded: q.getAttribute('aria-expanded'),
      active: q.getAttribute('aria-activedescendant'),
      focused: document.activeElement === q,
      items: [...list.querySelectorAll('[role="option"]')].map((li) => ({
        id: li.id, kind: li.dataset.kind, selected: li.getAttribute('aria-selected'),
        text: text(li, '.suggest-text'), type: text(li, '.suggest-type'), en: text(li, '.suggest-en'),
        count: text(li, '.suggest-count'),
      })),
    };
  });
}

/** Types into the search box and waits for the suggestion list to open. */
async function suggest(page, text) {
  await page.type('#q', text);
  await page.waitFor(() => !document.getElementById('suggest-list').hidden, { what: `suggestions for ${text}` });
  return suggestions(page);
}

/**
 * Answers /api/suggest from the test instead of the server, after delay(q) ms;
 * returns the queries asked.
 */
async function stubSuggest(page, answer, delay = () => 0) {
  const asked = [];
  await page.send('Fetch.enable', { patterns: [{ urlPattern: '*/api/suggest?*', requestStage: 'Request' }] });
  page.browser.listeners.add((msg) => {
    if (msg.sessionId !== page.sessionId || msg.method !== 'Fetch.requestPaused') return;
    const q = new URL(msg.params.request.url).searchParams.get('q');
    asked.push(q);
    setTimeout(() => page.send('Fetch.fulfillRequest', {
      requestId: msg.params.requestId, responseCode: 200,
      responseHeaders: [{ name: 'Content-Type', value: 'application/json' }],
      body: Buffer.from(JSON.stringify(answer(q))).toString('base64'),
    }).catch(() => {}), delay(q));   // fails harmlessly when the page gave up on the request
  });
  return asked;
}

const MONTHS = ['जनवरी', 'फ़रवरी', 'मार्च', 'अप्रैल', 'मई', 'जून',
  'जुलाई', 'अगस्त', 'सितंबर', 'अक्टूबर', 'नवंबर', 'दिसंबर'];

/** "15 जून 2024" -> 20240615, as the page prints dates; undated -> null. */
function dateKey(shown) {
  if (!shown) return null;
  const m = /^(\d+) (\S+) (\d{4})$/.exec(shown.trim());
  assert.ok(m && MONTHS.includes(m[2]), `unexpected date ${JSON.stringify(shown)}`);
  return Number(m[3]) * 10000 + (MONTHS.indexOf(m[2]) + 1) * 100 + Number(m[1]);
}

// ------------------------------------------------------------------ tests

const tests = {
  async landing({ page, base }) {
    await page.goto(base);
    await page.waitFor(() => /\d+ समाचार दस्तावेज़ों में खोजें/.test(document.getElementById('landing-stats').textContent),
      { what: 'the document count on the landing page' });
    assert.equal(await page.eval('document.getElementById("landing").hidden'), false);
    assert.equal(await page.eval('document.getElementById("search-view").hidden'), true);
    assert.ok(await page.eval('document.querySelectorAll("#examples a").length') >= 3, 'example queries shown');
    assertNoErrors(page);
  },

  async search_highlights({ page, base }) {
    await page.goto(base);
    await search(page, 'पुतिन');
    const r = await page.eval(() => ({
      hits: document.querySelectorAll('#hits > li.hit').length,
      marked: [...document.querySelectorAll('#hits .snippet mark')].map((m) => m.textContent),
      snippets: document.querySelectorAll('#hits .snippet').length,
      query: new URLSearchParams(location.search).get('q'),
      title: document.title,
    }));
    assert.ok(r.hits >= 3, `expected several hits, got ${r.hits}`);
    assert.ok(r.snippets >= 1, 'snippets shown');
    assert.ok(r.marked.length >= 1, 'snippets have <mark> highlights');
    assert.ok(r.marked.some((m) => m.includes('पुतिन')), `highlights ${JSON.stringify(r.marked)} include the query word`);
    assert.equal(r.query, 'पुतिन', 'the query is in the URL');
    assert.match(r.title, /^पुतिन — /);
    assert.ok(total(await status(page)) >= r.hits);
    // Highlight HTML is parsed so that only <mark> survives.
    assert.equal(await page.eval('document.querySelectorAll("#hits .snippet *:not(mark)").length'), 0);
    assertNoErrors(page);
  },

  async facet_filter_chip({ page, base }) {
    await page.goto(base);
    await search(page, 'रूस');
    const before = await snapshot(page);
    const all = total(before.status);
    const facet = await page.eval((n) => {
      const buttons = [...document.querySelectorAll('#facet-groups button[data-filter-type]')];
      const items = buttons.map((b) => ({
        type: b.dataset.filterType, id: b.dataset.filterId,
        label: b.querySelector('.facet-label').firstChild.textContent,
        count: b.querySelector('.facet-count') ? b.querySelector('.facet-count').textContent : '',
      }));
      return { items, pick: items.find((it) => it.type === 'person' && Number(it.count.replace(/\D/g, '')) < n) };
    }, all);
    assert.ok(facet.items.length >= 3, 'facet values are shown');
    assert.ok(facet.items.every((it) => /^, [\d,]+ परिणाम$/.test(it.count)),
      `every facet value has an exact count: ${JSON.stringify(facet.items)}`);
    assert.ok(facet.pick, `a person facet narrower than ${all} results`);
    const expected = Number(facet.pick.count.replace(/\D/g, ''));

    await act(page, () => page.click(`#facet-groups button[data-filter-type="person"][data-filter-id="${facet.pick.id}"]`));
    const after = await snapshot(page);
    assert.deepEqual(after.chips, [`लोग: ${facet.pick.label}`], 'a chip for the filter');
    assert.deepEqual(after.pressed, [facet.pick.id], 'the facet value is pressed');
    assert.ok((await params(page)).some(([k, v]) => k === 'person' && v === facet.pick.id), 'the filter is in the URL');
    assert.equal(total(after.status), expected, 'the result count is the facet count');
    assert.ok(expected < all && after.hits.length <= before.hits.length, 'results are narrowed');

    await act(page, () => page.click('#chip-list button.chip-remove'));
    const restored = await snapshot(page);
    assert.deepEqual(restored.chips, []);
    assert.equal(await page.eval('document.getElementById("chips").hidden'), true, 'the chip bar is hidden');
    assert.ok(!(await params(page)).some(([k]) => k === 'person'), 'the filter left the URL');
    assert.equal(restored.url, before.url);
    assert.equal(restored.status, before.status);
    assert.equal(total(restored.status), all, 'all results are back');
    assert.deepEqual(restored.hits, before.hits, 'the same results in the same order');
    assertNoErrors(page);
  },

  // Served with --facet-exact-bound 3, so that the corpus is "large": counts are estimates.
  async facet_counts_estimated({ page, base }) {
    await page.goto(base);
    await search(page, 'भारत');
    const api = await page.eval(() => fetch('/api/search?q=%E0%A4%AD%E0%A4%BE%E0%A4%B0%E0%A4%A4').then((r) => r.json()));
    assert.equal(api.facets_exact, false, 'the server estimates beyond the bound');
    const counts = await page.eval(() => [...document.querySelectorAll('#facet-groups .facet-count')].map((c) => c.textContent));
    assert.ok(counts.length >= 3, 'facet values are shown');
    assert.ok(counts.every((c) => /^, ≈[\d,]+ परिणाम$/.test(c)), `estimated counts are marked ≈: ${JSON.stringify(counts)}`);
    assertNoErrors(page);
  },

  async sort_newest({ page, base }) {
    await page.goto(base);
    await search(page, 'भारत');
    const dates = () => page.eval(() => [...document.querySelectorAll('#hits > li.hit')].map((li) => {
      const t = li.querySelector('.hit-meta time');
      return t ? t.textContent : null;
    }));
    const relevance = await snapshot(page);
    await act(page, () => page.eval(() => {
      const sel = document.getElementById('sort');
      sel.value = 'newest';
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    }));
    const newest = await snapshot(page);
    assert.ok((await params(page)).some(([k, v]) => k === 'sort' && v === 'newest'), 'sort=newest is in the URL');
    assert.equal(newest.sort, 'newest');
    const keys = (await dates()).map(dateKey);
    assert.ok(keys.length >= 5 && keys.every((k) => k !== null), `dated hits: ${keys}`);
    for (let i = 1; i < keys.length; i++) assert.ok(keys[i - 1] >= keys[i], `not newest first: ${keys}`);
    assert.notDeepEqual(newest.hits, relevance.hits, 'the order changed');
    assert.equal(total(newest.status), total(relevance.status), 'same results, other order');

    await act(page, () => page.eval(() => {
      const sel = document.getElementById('sort');
      sel.value = 'oldest';
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    }));
    const oldest = (await dates()).map(dateKey);
    for (let i = 1; i < oldest.length; i++) assert.ok(oldest[i - 1] <= oldest[i], `not oldest first: ${oldest}`);
    assertNoErrors(page);
  },

  async also_searched_exact({ page, base, server }) {
    await page.goto(base);
    // The corpus writes these names only in Devanagari (लावरोव; ज़ेलेंस्की / जेलेंस्की).
    const cases = [{ query: 'lavrov', shows: 'लावरोव' }];
    if (server.hasSeeds) cases.push({ query: 'Belousov', shows: 'बेलूसोव' });
    for (const c of cases) {
      await search(page, c.query);
      const on = await snapshot(page);
      assert.ok(on.also, `the also-searched line is shown for ${c.query}`);
      assert.match(on.also, /^इन्हें भी खोजा:/);
      assert.ok(on.also.includes(c.shows), `${JSON.stringify(on.also)} names ${c.shows}`);
      assert.ok(on.also.includes(`${c.query.toLowerCase()} के लिए`) || on.also.includes(`${c.query} के लिए`),
        `${JSON.stringify(on.also)} says which word it was for`);
      assert.ok(total(on.status) >= 1, `${c.query} finds the Devanagari spelling`);
      const button = await page.eval(() => {
        const b = document.querySelector('#also button[data-exact="1"]');
        return b && { tag: b.localName, type: b.type, text: b.textContent };
      });
      assert.deepEqual(button, { tag: 'button', type: 'button', text: 'सिर्फ़ लिखी वर्तनी खोजें' });

      await act(page, () => page.click('#also button[data-exact="1"]'));
      const off = await snapshot(page);
      assert.ok((await params(page)).some(([k, v]) => k === 'exact' && v === '1'), 'exact=1 is in the URL');
      assert.ok(!off.also.includes('इन्हें भी खोजा'), `the also-searched line is gone: ${off.also}`);
      assert.ok(off.also.includes('सिर्फ़ लिखी वर्तनी'), 'the page says exact is on');
      assert.notEqual(total(off.status), total(on.status), 'exact spelling changes the results');
      assert.notDeepEqual(off.hits, on.hits);
      assert.equal(await page.eval('document.activeElement.dataset.exact'), '0', 'focus stays on the switch');

      // A new query keeps exact on, like the other settings.
      await search(page, c.query + ' ');
      assert.ok((await params(page)).some(([k]) => k === 'exact'));

      await act(page, () => page.click('#also button[data-exact="0"]'));
      const back = await snapshot(page);
      assert.ok(!(await params(page)).some(([k]) => k === 'exact'), 'exact left the URL');
      assert.equal(back.also, on.also);
      assert.deepEqual(back.hits, on.hits);
    }
    assertNoErrors(page);
  },

  async phone_width({ page, base }) {
    await page.setViewport(360, 740, true);
    await page.goto(`${base}?q=lavrov`);
    await settled(page);
    const r = await page.eval(() => {
      const b = document.querySelector('#also button[data-exact]');
      const rect = b.getBoundingClientRect();
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        button: { left: rect.left, right: rect.right, height: rect.height },
        width: document.documentElement.clientWidth,
      };
    });
    assert.equal(r.overflow, 0, 'no horizontal scrolling at 360px');
    assert.ok(r.button.left >= 0 && r.button.right <= r.width, `the switch is on screen: ${JSON.stringify(r)}`);
    assert.ok(r.button.height >= 30, `the switch is big enough to tap: ${JSON.stringify(r.button)}`);
    await act(page, () => page.click('#also button[data-exact="1"]'));
    assert.ok((await params(page)).some(([k]) => k === 'exact'));
    assertNoErrors(page);
  },

  async html_query_escaped({ page, base }) {
    const evil = '<img src=x onerror=alert(1)>';
    await page.goto(base);
    await search(page, evil);
    const check = () => page.eval((q) => ({
      input: document.getElementById('q').value,
      title: document.title,
      urlQ: new URLSearchParams(location.search).get('q'),
      imgs: [...document.images].map((i) => i.getAttribute('src')),
      injected: document.querySelectorAll('[onerror]').length,
      text: document.body.textContent.includes(q) || document.title.includes(q),
    }), evil);
    for (const r of [await check(), await (async () => {
      // The same from a shared link.
      await page.goto(`${base}?q=${encodeURIComponent(evil)}`);
      await settled(page);
      return check();
    })()]) {
      assert.equal(r.input, evil);
      assert.equal(r.urlQ, evil);
      assert.ok(r.title.startsWith(evil), 'the query is shown as text');
      assert.deepEqual(r.imgs, ['/favicon.svg'], 'no image was injected');
      assert.equal(r.injected, 0);
    }
    await new Promise((res) => setTimeout(res, 200));   // give an onerror time to fire
    assert.deepEqual(page.dialogs, [], 'no alert ran');
    assertNoErrors(page);
  },

  async api_error_shown({ page, base }) {
    await page.goto(base);
    await search(page, '(रूस');
    // Asked from the page, so that no idle keep-alive connection outlives the browser.
    const api = await page.eval((q) => fetch(`/api/search?q=${encodeURIComponent(q)}`).then((r) => r.json()), '(रूस');
    const message = api.error && api.error.message;
    assert.ok(message, 'the API rejects the query');
    const r = await page.eval(() => ({
      errorHidden: document.getElementById('error').hidden,
      error: document.getElementById('error').textContent,
      role: document.getElementById('error').getAttribute('role'),
      hits: document.querySelectorAll('#hits > li').length,
      viewHidden: document.getElementById('search-view').hidden,
      query: document.getElementById('q').value,
    }));
    assert.equal(r.viewHidden, false);
    assert.equal(r.errorHidden, false, 'the error is shown');
    assert.equal(r.role, 'alert');
    assert.ok(r.error.includes('खोज पूरी नहीं हो सकी'), r.error);
    assert.ok(r.error.includes(message), `the API's message ${JSON.stringify(message)} is on the page: ${r.error}`);
    assert.equal(r.hits, 0);
    assert.equal(r.query, '(रूस', 'the query stays in the box to fix');
    // A good query afterwards clears the error.
    await search(page, 'रूस');
    assert.equal(await page.eval('document.getElementById("error").hidden'), true);
    // Chromium logs the 400 itself; nothing else may be reported.
    assertNoErrors(page, (e) => /^network: .*status of 400/.test(e));
  },

  async url_round_trip({ page, base }) {
    await page.goto(base);
    await search(page, 'पुतिन');
    const plain = await snapshot(page);
    await act(page, () => page.eval(() => {
      const sel = document.getElementById('sort');
      sel.value = 'oldest';
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    }));
    await act(page, () => page.click('#facet-groups button[data-filter-type="place"]'));
    const filtered = await snapshot(page);
    assert.equal(filtered.chips.length, 1);
    assert.equal(filtered.sort, 'oldest');

    await page.reload();
    await settled(page);
    assert.deepEqual(await snapshot(page), filtered, 'a reload shows the same page');

    // A fresh tab on the same URL too.
    const other = await page.browser.newPage();
    await other.goto(base.replace(/\/$/, '') + filtered.url);
    await settled(other);
    assert.deepEqual(await snapshot(other), filtered, 'the URL alone restores the page');
    assertNoErrors(other);

    // Back twice: the sort change, then the plain query.
    await act(page, () => page.eval('history.back()'));
    await act(page, () => page.eval('history.back()'));
    assert.deepEqual(await snapshot(page), plain, 'back restores the earlier page');
    assertNoErrors(page);
  },

  async suggest_keyboard_pick({ page, base }) {
    await page.goto(base);
    const aria = await page.eval(() => {
      const q = document.getElementById('q');
      const list = document.getElementById(q.getAttribute('aria-controls'));
      return { role: q.getAttribute('role'), auto: q.getAttribute('aria-autocomplete'), expanded: q.getAttribute('aria-expanded'),
        list: list && list.getAttribute('role'), hidden: list && list.hidden };
    });
    assert.deepEqual(aria, { role: 'combobox', auto: 'list', expanded: 'false', list: 'listbox', hidden: true });

    const list = await suggest(page, 'kim');
    assert.equal(list.expanded, 'true');
    assert.equal(list.active, null, 'nothing is highlighted before the arrow keys');
    assert.equal(list.items[0].kind, 'entity', `entities come first: ${JSON.stringify(list.items)}`);
    const i = list.items.findIndex((it) => it.text === 'किम जोंग उन');
    assert.ok(i >= 0, `किम जोंग उन is offered for "kim": ${JSON.stringify(list.items)}`);
    const kim = list.items[i];
    assert.equal(kim.kind, 'entity');
    assert.equal(kim.type, 'लोग', 'the type tag is the facet title');
    assert.equal(kim.en, 'Kim Jong Un');
    assert.match(kim.count, /^\d+ समाचार$/);
    assert.ok(list.items.every((it) => it.selected === 'false'));

    // Down past the entity and back up to it; focus stays in the box throughout.
    for (let k = 0; k <= i + 1; k++) await page.press('ArrowDown');
    await page.press('ArrowUp');
    const on = await suggestions(page);
    assert.equal(on.active, kim.id, 'aria-activedescendant points at the highlighted option');
    assert.deepEqual(on.items.map((it) => it.selected), on.items.map((it, k) => String(k === i)));
    assert.ok(on.focused, 'focus stays in the search box');

    await act(page, () => page.press('Enter'));
    const after = await snapshot(page);
    assert.equal(new URLSearchParams(after.url.split('?')[1]).get('q'), 'किम जोंग उन', `the URL has q=: ${after.url}`);
    assert.equal(after.q, 'किम जोंग उन');
    assert.ok(after.hits.length >= 1 && total(after.status) >= 1, 'the entity is searched');
    const closed = await suggestions(page);
    assert.deepEqual([closed.open, closed.expanded, closed.active, closed.items.length], [false, 'false', null, 0]);
    assertNoErrors(page);
  },

  async suggest_escape_closes({ page, base }) {
    await page.goto(base);
    await suggest(page, 'किम');
    await page.press('ArrowDown');
    await page.press('Escape');
    const closed = await suggestions(page);
    assert.deepEqual([closed.open, closed.expanded, closed.active], [false, 'false', null], 'Escape closes the list');
    assert.ok(closed.focused);
    assert.equal(await page.eval('document.getElementById("q").value'), 'किम', 'Escape keeps the typed text');
    assert.equal(await page.eval('document.getElementById("landing").hidden'), false, 'nothing was searched');

    // ArrowDown opens it again; Tab closes it and leaves the box.
    await page.press('ArrowDown');
    await page.waitFor(() => !document.getElementById('suggest-list').hidden, { what: 'the list to reopen' });
    await page.press('Tab');
    const left = await suggestions(page);
    assert.deepEqual([left.open, left.expanded, left.focused], [false, 'false', false]);

    // Emptying the box before the pause ends: no list, and no request for empty input.
    await page.type('#q', 'kim');
    await page.eval(() => {
      const q = document.getElementById('q');
      q.value = '';
      q.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await new Promise((res) => setTimeout(res, 400));
    assert.equal((await suggestions(page)).open, false, 'a suggestion for text no longer in the box is not shown');
    const asked = await page.eval(() => performance.getEntriesByType('resource')
      .map((r) => new URL(r.name)).filter((u) => u.pathname === '/api/suggest').map((u) => u.searchParams.get('q')));
    assert.ok(!asked.includes(''), `no request for empty input: ${JSON.stringify(asked)}`);
    assert.ok(!asked.includes('kim'), `the debounced request was dropped: ${JSON.stringify(asked)}`);
    assertNoErrors(page);
  },

  async suggest_stale_ignored({ page, base }) {
    // "ru" is answered late, after "rus" has been typed and answered.
    const asked = await stubSuggest(page,
      (q) => ({ query: q, suggestions: [{ text: q === 'ru' ? 'पुराना उत्तर' : 'रूस', kind: 'title', documents: 1 }] }),
      (q) => (q === 'ru' ? 700 : 0));
    await page.goto(base);
    await page.type('#q', 'ru');
    for (const t0 = Date.now(); asked.length === 0;) {   // "ru" is on its way
      assert.ok(Date.now() - t0 < 5000, 'the page asks for suggestions for "ru"');
      await new Promise((res) => setTimeout(res, 20));
    }
    const list = await suggest(page, 'rus');
    assert.deepEqual(asked, ['ru', 'rus']);
    assert.deepEqual(list.items.map((it) => it.text), ['रूस']);
    await new Promise((res) => setTimeout(res, 900));   // the answer for "ru" has come and gone
    assert.deepEqual((await suggestions(page)).items.map((it) => it.text), ['रूस'], 'the late answer is ignored');
    assertNoErrors(page);
  },

  async suggest_phone_tap({ page, base }) {
    await page.setViewport(360, 740, true);
    await page.goto(base);
    const list = await suggest(page, 'किम');
    const title = list.items.findIndex((it) => it.kind === 'title');
    assert.ok(title >= 0, `a headline word is offered: ${JSON.stringify(list.items)}`);
    const r = await page.eval(() => {
      const box = document.getElementById('suggest-list').getBoundingClientRect();
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        width: document.documentElement.clientWidth,
        list: { left: box.left, right: box.right },
        options: [...document.querySelectorAll('#suggest-list [role="option"]')].map((li) => {
          const o = li.getBoundingClientRect();
          const c = li.querySelector('.suggest-count').getBoundingClientRect();
          return { height: o.height, countRight: c.right, right: o.right };
        }),
      };
    });
    assert.equal(r.overflow, 0, 'no horizontal scrolling at 360px');
    assert.ok(r.list.left >= 0 && r.list.right <= r.width, `the list is on screen: ${JSON.stringify(r)}`);
    assert.ok(r.options.every((o) => o.height >= 40 && o.countRight <= o.right), `options are big enough to tap and fit: ${JSON.stringify(r.options)}`);

    await act(page, () => page.tap(`#suggest-list [role="option"]:nth-child(${title + 1})`));
    const after = await snapshot(page);
    assert.equal(new URLSearchParams(after.url.split('?')[1]).get('q'), list.items[title].text, `the tapped word is searched: ${after.url}`);
    assert.equal(after.q, list.items[title].text, 'the word is put in the box');
    assert.equal((await suggestions(page)).open, false);
    assertNoErrors(page);
  },

  async slash_focuses_search({ page, base }) {
    await page.goto(`${base}?q=${encodeURIComponent('रूस')}`);
    await settled(page);
    await page.click('#status');
    assert.notEqual(await page.eval('document.activeElement.id'), 'q', 'the box starts without focus');
    await page.press('/');
    const r = await page.eval(() => {
      const q = document.getElementById('q');
      return { focused: document.activeElement === q, value: q.value, selected: [q.selectionStart, q.selectionEnd] };
    });
    assert.deepEqual(r, { focused: true, value: 'रूस', selected: [0, 3] }, '/ focuses the box and selects the query, typing no slash');

    // Typing in a field, / is just a character.
    await page.eval(() => document.getElementById('from').focus());
    await page.press('/');
    assert.equal(await page.eval('document.activeElement.id'), 'from', '/ in a date field stays there');

    const help = await page.eval(() => {
      const a = document.querySelector('.site-header a[href$="help.html"]');
      return a && { text: a.textContent.trim(), visible: a.getBoundingClientRect().width > 0 };
    });
    assert.deepEqual(help, { text: 'सहायता', visible: true }, 'a help link next to the search box');
    assertNoErrors(page);
  },

  async suggest_html_escaped({ page, base }) {
    // The server's suggestions are words of the index and gazetteer names, which hold no markup;
    // the test answers with some, to see that the page shows it as text.
    const asked = await stubSuggest(page, (q) => ({ query: q, suggestions: [
      { text: `${q}<img src=x onerror=alert(1)>`, kind: 'entity', id: 'x', type: '<i>person</i>', label_en: '<b>en</b>', documents: 2 },
      { text: q, kind: 'title', documents: 1 },
    ] }));
    await page.goto(base);
    const list = await suggest(page, '<b>x');
    assert.deepEqual(asked, ['<b>x'], 'the typed text is sent as typed');
    assert.deepEqual(list.items.map((it) => [it.text, it.type, it.en]), [
      ['<b>x<img src=x onerror=alert(1)>', '<i>person</i>', '<b>en</b>'],
      ['<b>x', null, null],
    ], 'the markup is shown as text');
    const r = await page.eval(() => ({
      tags: [...new Set([...document.querySelectorAll('#suggest-list *')].map((e) => e.localName))].sort(),
      injected: document.querySelectorAll('#suggest-list b, #suggest-list i, [onerror]').length,
      imgs: [...document.images].map((i) => i.getAttribute('src')),
    }));
    assert.deepEqual(r, { tags: ['li', 'span'], injected: 0, imgs: ['/favicon.svg'] });
    await new Promise((res) => setTimeout(res, 200));   // give an onerror time to fire
    assert.deepEqual(page.dialogs, [], 'no alert ran');
    assertNoErrors(page);
  },
};

tests.facet_counts_estimated.serveArgs = ['--facet-exact-bound', '3'];

// ------------------------------------------------------------------ main

function parseArgs(argv) {
  const opts = { names: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) opts[a.slice(2)] = argv[++i];
    else opts.names.push(a);
  }
  for (const k of ['talash', 'chromium', 'web', 'corpus']) {
    if (!opts[k]) { console.error(`page_tests: --${k} is required`); process.exit(2); }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const names = opts.names.length ? opts.names : Object.keys(tests);
let failed = 0;
for (const name of names) {
  const fn = tests[name];
  if (!fn) { console.error(`page_tests: unknown test ${name}`); process.exit(2); }
  const t0 = Date.now();
  try {
    await withPage({ ...opts, serveArgs: fn.serveArgs || [] }, fn);
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name} (${Date.now() - t0} ms)\n${e.stack || e}`);
  }
}
process.exit(failed ? 1 : 0);
