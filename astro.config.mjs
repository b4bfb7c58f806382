// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { loadConfig } from './src/core/config.ts';
import { kbPublic } from './src/site/kb-public.mjs';

// The knowledge base to build: the folder holding content/, references/ and
// groundwork.config.yaml. The CLI sets GROUNDWORK_ROOT; by default, this repository.
const kbRoot = process.env.GROUNDWORK_ROOT ?? process.cwd();
// The same reader and schema as `check` (an invalid profile is reported there).
const settings = loadConfig(kbRoot).config;

/** @param {string} page */
function isAliasPage(page) {
  const aliases = globalThis.__groundworkKb?.kb.aliases;
  if (!aliases) return false;
  const path = new URL(page).pathname.replace(/^\/|\/$/g, '');
  const base = settings.base.replace(/^\/|\/$/g, '');
  return aliases.has(base && path.startsWith(`${base}/`) ? path.slice(base.length + 1) : path);
}

export default defineConfig({
  site: settings.site,
  base: settings.base,
  trailingSlash: 'always',
  outDir: process.env.GROUNDWORK_OUT_DIR ?? './dist',
  publicDir: './public',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The knowledge base's own public/ folder (e.g. its logo) is copied into the site too.
  integrations: [
    // Redirect pages of old ids (aliases) are not pages of their own: keep them out.
    sitemap({ filter: (page) => !isAliasPage(page) }),
    kbPublic(kbRoot),
  ],
  devToolbar: { enabled: false },
  prefetch: false,
});
