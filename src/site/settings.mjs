// Read just the URL settings of the handbook profile (site, base) for astro.config.mjs,
// which runs before TypeScript modules can be loaded. Full validation is in src/core/config.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** @param {string} root */
export function readSiteSettings(root) {
  const file = join(root, 'groundwork.config.yaml');
  /** @type {{ site?: unknown, base?: unknown }} */
  let data = {};
  if (existsSync(file)) {
    try {
      data = parse(readFileSync(file, 'utf8')) ?? {};
    } catch {
      data = {};
    }
  }
  return {
    site: typeof data.site === 'string' ? data.site : 'https://groundwork.example.org',
    base: typeof data.base === 'string' ? data.base : '/',
  };
}
