/**
 * `.mdx` entries are compiled by Astro's MDX integration (so they can import and use
 * components), on Sätteri, with Groundwork's two plugins: the Markdown plugin that `check` ran
 * on the same file, and the presentation plugin that renders `.md` entries. Text inside an
 * imported component is therefore validated and presented like any other text of the entry.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { satteri } from '@astrojs/markdown-satteri';
import type { MdastPluginEntry, PluginFactoryContext } from 'satteri';
import { MARKDOWN_FEATURES } from '../core/markdown/parse.ts';
import { renderPlugins } from '../render/markdown.ts';
import { stateBeforeBody } from '../site/entry-page.ts';
import { handbookMode, handbookStateBefore } from '../site/handbook.ts';

/**
 * The handbook prints each entry with its own ids prefixed and its headings moved down, so an
 * `.mdx` body is compiled a second time for it, under this name (see `vite.ts`).
 */
export const HANDBOOK_PREFIX = 'groundwork-handbook:';
import type { SiteContext } from '../site/context.ts';

/** The knowledge base as it stands when a file is compiled (ready before any compile starts). */
export interface MdxSource {
  current(): SiteContext | undefined;
}

const byPath = new WeakMap<SiteContext, Map<string, SiteContext['entries'][number]>>();
function entriesByPath(site: SiteContext) {
  let map = byPath.get(site);
  if (!map) {
    map = new Map(site.kb.entries.map((e) => [resolve(site.kb.root, e.file), e]));
    byPath.set(site, map);
  }
  return map;
}

export function mdxProcessor(source: MdxSource) {
  const plugins = (ctx: PluginFactoryContext): MdastPluginEntry => {
    const site = source.current();
    if (!ctx.fileURL || !site) return null;
    let path = decodeURIComponent(ctx.fileURL.href);
    const handbook = path.includes(HANDBOOK_PREFIX);
    path = handbook ? path.slice(path.indexOf(HANDBOOK_PREFIX) + HANDBOOK_PREFIX.length) : fileURLToPath(ctx.fileURL);
    const entry = entriesByPath(site).get(resolve(path));
    // MDX that is not an entry (a page of the project's own) is left to MDX alone.
    if (!entry) return null;
    // The plugins a `.md` body is rendered with (render/markdown.ts), with the same options.
    const request = handbook ? { page: handbookStateBefore(site, entry.id), ...handbookMode(site, entry.id) } : { page: stateBeforeBody(site, entry) };
    return renderPlugins(site.presentOptions(entry, request));
  };
  return satteri({ features: MARKDOWN_FEATURES, mdastPlugins: [plugins] });
}
