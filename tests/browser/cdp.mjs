// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe:
// no npm packages, no chromedriver, no WebSocket (Node 18 has none built in).
// Chromium reads commands from fd 3 and writes replies and events to fd 4,
// each message one JSON text followed by a NUL byte.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Browser {
  static async launch(executable, { width = 1280, height = 900 } = {}) {
    const profile = mkdtempSync(join(tmpdir(), 'talash-chromium-'));
    const args = [
      '--headless=new', '--remote-debugging-pipe', `--user-data-dir=${profile}`,
      '--no-first-run', '--no-default-browser-check', '--disable-extensions',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--disable-gpu', '--mute-audio', '--no-proxy-server',
      '--lang=hi-IN', `--window-size=${width},${height}`,
      // The sandbox needs user namespaces; CI runs as root in a container.
      '--no-sandbox',
      'about:blank',
    ];
    const proc = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    const b = new Browser(proc, profile);
    await b.#ready();
    return b;
  }

  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = '';
    this.exited = false;
    proc.stderr.on('data', (d) => { this.stderr = (this.stderr + d).slice(-4000); });
    proc.on('exit', () => {
      this.exited = true;
      for (const { reject } of this.pending.values()) reject(new Error(`chromium exited\n${this.stderr}`));
      this.pending.clear();
    });
    let buf = Buffer.alloc(0);
    proc.stdio[4].on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      let end;
      while ((end = buf.indexOf(0)) >= 0) {
        const msg = JSON.parse(buf.subarray(0, end).toString('utf8'));
        buf = buf.subarray(end + 1);
        this.#dispatch(msg);
      }
    });
    proc.stdio[3].on('error', () => {});
  }

  #dispatch(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    for (const l of this.listeners) l(msg);
  }

  async #ready() {
    const deadline = Date.now() + 15000;
    for (;;) {
      try {
        await this.send('Browser.getVersion', {}, undefined, 2000);
        return;
      } catch (e) {
        if (this.exited || Date.now() > deadline) throw new Error(`chromium did not start: ${e.message}\n${this.stderr}`);
        await sleep(100);
      }
    }
  }

  send(method, params = {}, sessionId, timeoutMs = 15000) {
    if (this.exited) return Promise.reject(new Error(`chromium exited\n${this.stderr}`));
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.proc.stdio[3].write(JSON.stringify(msg) + '\0');
    });
  }

  async newPage() {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId);
    await page.init();
    return page;
  }

  async close() {
    if (!this.exited) {
      const gone = new Promise((r) => this.proc.once('exit', r));
      this.send('Browser.close').catch(() => {});
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** One tab: evaluation, real mouse and keyboard input, and what the page reported. */
export class Page {
  constructor(browser, sessionId) {
    this.browser = browser;
    this.sessionId = sessionId;
    this.errors = [];    // console errors, uncaught exceptions, CSP violations, failed loads
    this.dialogs = [];   // alert/confirm/prompt: none may ever open
    browser.listeners.add((msg) => {
      if (msg.sessionId !== sessionId) return;
      const p = msg.params;
      if (msg.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) {
        this.errors.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description ?? '').join(' ')}`);
      } else if (msg.method === 'Runtime.exceptionThrown') {
        const d = p.exceptionDetails;
        this.errors.push(`exception: ${d.exception?.description || d.text}`);
      } else if (msg.method === 'Log.entryAdded' && p.entry.level === 'error') {
        this.errors.push(`${p.entry.source}: ${p.entry.text}${p.entry.url ? ` (${p.entry.url})` : ''}`);
      } else if (msg.method === 'Page.javascriptDialogOpening') {
        this.dialogs.push(`${p.type}: ${p.message}`);
        this.send('Page.handleJavaScriptDialog', { accept: false }).catch(() => {});
      }
    });
  }

  send(method, params) {
    return this.browser.send(method, params, this.sessionId);
  }

  async init() {
    await Promise.all([this.send('Page.enable'), this.send('Runtime.enable'), this.send('Log.enable')]);
  }

  async setViewport(width, height, mobile = false) {
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile });
  }

  async goto(url) {
    const r = await this.send('Page.navigate', { url });
    if (r.errorText) throw new Error(`navigate ${url}: ${r.errorText}`);
    await this.waitFor('document.readyState === "complete"');
  }

  async reload() {
    await this.send('Page.reload', { ignoreCache: true });
    await sleep(50);
    await this.waitFor('document.readyState === "complete"');
  }

  /** Evaluates an expression (a string, or a function with JSON arguments) in the page. */
  async eval(expr, ...args) {
    const expression = typeof expr === 'function' ? `(${expr})(...${JSON.stringify(args)})` : expr;
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) {
      throw new Error(`in page: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    }
    return r.result.value;
  }

  /** Polls until the expression is truthy; returns its value. */
  async waitFor(expr, { timeout = 10000, what } = {}, ...args) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.eval(expr, ...args);
        if (last) return last;
      } catch (e) {
        last = e.message;   // e.g. during a navigation
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what || (typeof expr === 'string' ? expr : expr.name || 'condition')} (last: ${JSON.stringify(last)})`);
      }
      await sleep(40);
    }
  }

  /** A real mouse click in the middle of the first element matching the selector. */
  async click(selector) {
    const box = await this.eval((sel) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      return r.width && r.height ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
    }, selector);
    if (!box) throw new Error(`click: no visible element ${selector}`);
    const base = { x: box.x, y: box.y, button: 'left', clickCount: 1 };
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: box.x, y: box.y });
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...base });
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...base });
  }

  /** Focuses the element, selects its text, and types over it with the keyboard. */
  async type(selector, text) {
    await this.eval((sel) => { const el = document.querySelector(sel); el.focus(); el.select(); }, selector);
    await this.send('Input.insertText', { text });
  }

  /** A real key press: Enter, Escape, Tab, ArrowDown, ArrowUp or '/'. */
  async press(key) {
    const keys = {
      Enter: { code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
      Escape: { code: 'Escape', windowsVirtualKeyCode: 27 },
      Tab: { code: 'Tab', windowsVirtualKeyCode: 9 },
      ArrowDown: { code: 'ArrowDown', windowsVirtualKeyCode: 40 },
      ArrowUp: { code: 'ArrowUp', windowsVirtualKeyCode: 38 },
      '/': { code: 'Slash', windowsVirtualKeyCode: 191, text: '/' },
    };
    if (!keys[key]) throw new Error(`press: unknown key ${key}`);
    const k = { key, ...keys[key] };
    // Keys without text are "raw" key downs, as a real keyboard sends them.
    await this.send('Input.dispatchKeyEvent', { type: k.text ? 'keyDown' : 'rawKeyDown', ...k });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code: k.code, windowsVirtualKeyCode: k.windowsVirtualKeyCode });
  }

  /** A tap with one finger in the middle of the first element matching the selector. */
  async tap(selector) {
    const box = await this.eval((sel) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return r.width && r.height ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
    }, selector);
    if (!box) throw new Error(`tap: no visible element ${selector}`);
    await this.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: box.x, y: box.y }] });
    await this.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
