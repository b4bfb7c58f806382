// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { readSiteSettings } from './src/site/settings.mjs';

// The knowledge base to build: the folder holding content/, references/ and
// groundwork.config.yaml. The CLI sets GROUNDWORK_ROOT; by default, this repository.
const settings = readSiteSettings(process.env.GROUNDWORK_ROOT ?? process.cwd());

export default defineConfig({
  site: settings.site,
  base: settings.base,
  trailingSlash: 'always',
  outDir: process.env.GROUNDWORK_OUT_DIR ?? './dist',
  publicDir: './public',
  build: { format: 'directory', inlineStylesheets: 'never' },
  integrations: [sitemap()],
  devToolbar: { enabled: false },
  prefetch: false,
});
