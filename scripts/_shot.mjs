import { chromium as pw } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
const root = process.argv[2];
const types = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  let p = join(root, decodeURIComponent(req.url.split('?')[0]));
  try { if ((await stat(p)).isDirectory()) p = join(p, 'index.html'); res.writeHead(200, { 'Content-Type': types[extname(p)] ?? 'application/octet-stream' }); res.end(await readFile(p)); }
  catch { res.writeHead(404, { 'Content-Type': 'text/html' }); res.end(await readFile(join(root, '404.html'))); }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;
let exe = '/usr/bin/chromium';
try { await stat(exe); } catch { const c = (await import('@sparticuz/chromium')).default; exe = await c.executablePath(); }
const browser = await pw.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: Number(process.argv[5] ?? 1200), height: 900 }, colorScheme: process.argv[6] ?? 'light' });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
await page.goto(base + process.argv[3]);
if (process.argv[7]) { await page.hover(process.argv[7]); }
await page.waitForTimeout(2500);
await page.screenshot({ path: process.argv[4], fullPage: false });
await browser.close(); server.close();
