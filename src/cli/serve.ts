/**
 * A small static file server for a built site, like a plain static host: directory URLs serve
 * their index.html (a directory without its trailing slash is redirected to it), files get their
 * content type, and a missing path gets the site's 404.html with status 404.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { lookup } from 'mrmime';

/**
 * Content types: mrmime's table (the one Vite's own server uses), plus the few files of a built
 * knowledge base that no general table knows: citation downloads and Pagefind's index.
 */
const OWN_TYPES: Record<string, string> = {
  '.bib': 'application/x-bibtex; charset=utf-8',
  '.ris': 'application/x-research-info-systems; charset=utf-8',
  // Pagefind's index, fragment and metadata files are binary (gzipped) blobs.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export function contentType(path: string): string {
  const ext = extname(path).toLowerCase();
  const type = OWN_TYPES[ext] ?? lookup(ext) ?? 'application/octet-stream';
  return /^text\/|^application\/(json|javascript|xml|manifest\+json)/.test(type) && !type.includes('charset') ? `${type}; charset=utf-8` : type;
}

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) {
      const index = join(path, 'index.html');
      if ((await stat(index).catch(() => undefined))?.isFile()) return index;
    }
  } catch {
    // missing
  }
  return undefined;
}

/**
 * Serve `root` on 127.0.0.1 at a free port, under `prefix` (the site's base path, e.g.
 * "/handbook-site/"; default "/"). Used by `groundwork pdf` and by the browser tests.
 */
export async function serveStatic(root: string, options: { host?: string; prefix?: string } = {}): Promise<StaticServer> {
  const host = options.host ?? '127.0.0.1';
  const prefix = options.prefix ?? '/';
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end('Bad request');
        return;
      }
      if (!pathname.startsWith(prefix)) {
        res.writeHead(404).end('Not found');
        return;
      }
      pathname = `/${pathname.slice(prefix.length)}`;
      const target = normalize(join(base, pathname));
      if (target !== base && !target.startsWith(base + sep)) {
        res.writeHead(403).end('Forbidden');
        return;
      }
      // A directory without its trailing slash: redirect, as static hosts do.
      if (!pathname.endsWith('/')) {
        const s = await stat(target).catch(() => undefined);
        if (s?.isDirectory() && (await fileAt(target))) {
          res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
          return;
        }
      }
      const file = await fileAt(target);
      const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
      if (!file) {
        const notFound = await readFile(join(base, '404.html')).catch(() => Buffer.from('Not found'));
        res.writeHead(404, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': notFound.length });
        res.end(req.method === 'HEAD' ? undefined : notFound);
        return;
      }
      const size = (await stat(file)).size;
      res.writeHead(200, { ...headers, 'Content-Type': contentType(file), 'Content-Length': size });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
