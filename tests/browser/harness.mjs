// Per-test fixture: a fresh index in a temp folder, `talash serve` on a free
// port, headless Chromium on a new tab. Everything is torn down afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from './cdp.mjs';

export async function startServer({ talash, corpus, seeds, web, serveArgs = [] }) {
  const dir = mkdtempSync(join(tmpdir(), 'talash-browser-'));
  const db = join(dir, 'db');
  const inputs = [corpus];
  if (seeds && existsSync(seeds)) inputs.push(seeds);
  const idx = spawnSync(talash, ['index', '--db', db, ...inputs], { encoding: 'utf8' });
  if (idx.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`talash index failed (${idx.error ? idx.error.message : `exit ${idx.status}`}):\n${idx.stderr || ""}`);
  }
  const proc = spawn(talash, ['serve', '--db', db, '--port', '0', '--web', web, ...serveArgs],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`talash serve did not report its port:\n${stderr}`)), 10000);
    proc.stderr.on('data', (d) => {
      stderr += d;
      const m = /serving .* on (http:\/\/[^\s/]+\/)/.exec(stderr);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`talash serve exited ${code}:\n${stderr}`)); });
  });
  return {
    base,
    hasSeeds: inputs.length > 1,
    async stop() {
      if (proc.exitCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs fn({page, base, server}) with a fresh server and browser; always cleans up. */
export async function withPage(opts, fn) {
  const server = await startServer(opts);
  let browser;
  try {
    browser = await Browser.launch(opts.chromium);
    const page = await browser.newPage();
    await fn({ page, base: server.base, server });
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
}
