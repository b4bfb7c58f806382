// The knowledge base's own public/ folder (a logo, images, a favicon), served as-is next to the
// app's public/ folder. Astro has one publicDir (the app's ./public), so this integration copies
// ROOT/public into the built site after the build, and serves it from the dev server.
//
// A knowledge-base file may replace a file of the app's public/ (e.g. favicon.svg), but never a
// page or file the build generated: those are kept, and the clash is reported.
import { createReadStream, copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { contentType } from '../cli/serve.ts';

const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');


/** Files of ROOT/public, as paths relative to it (forward slashes); none if it is the app's own. */
export function kbPublicFiles(root) {
  const dir = resolve(root, 'public');
  if (dir === resolve(APP_ROOT, 'public') || !existsSync(dir)) return { dir, files: [] };
  return { dir, files: globSync(['**/*'], { cwd: dir, dot: false, onlyFiles: true }).sort() };
}

/** @param {string} root the knowledge base folder @returns {import('astro').AstroIntegration} */
export function kbPublic(root) {
  let base = '/';
  return {
    name: 'groundwork:kb-public',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        const { dir, files } = kbPublicFiles(root);
        if (files.length === 0) return;
        const known = new Set(files);
        server.middlewares.use((req, res, next) => {
          const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
          const file = path.startsWith(base) ? path.slice(base.length) : '';
          if (!known.has(file)) return next();
          res.setHeader('Content-Type', contentType(file));
          createReadStream(join(dir, file)).pipe(res);
        });
      },
      'astro:build:done': ({ dir: outUrl, logger }) => {
        const { dir, files } = kbPublicFiles(root);
        const out = fileURLToPath(outUrl);
        const appPublic = resolve(APP_ROOT, 'public');
        for (const file of files) {
          const target = resolve(out, file);
          if (!target.startsWith(out.endsWith(sep) ? out : out + sep)) continue;
          if (existsSync(target) && !existsSync(join(appPublic, file))) {
            logger.warn(`public/${file} of the knowledge base has the same path as a page of the site: the page is kept`);
            continue;
          }
          if (existsSync(target) && statSync(target).isDirectory()) continue;
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(join(dir, file), target);
        }
        if (files.length > 0) logger.info(`copied ${files.length} file(s) from ${relative(process.cwd(), dir) || dir}`);
      },
    },
  };
}
