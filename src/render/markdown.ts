/**
 * Rendering a `.md` body (or a frontmatter value) to HTML: the same Sätteri parse and the same
 * Groundwork plugin as `check`, then the presentation plugin. (`.mdx` bodies are rendered by
 * Astro's MDX compiler with the same two plugins; see `src/integration/mdx.ts`.)
 */
import { markdownToHtml, type MdastPluginEntry } from 'satteri';
import { MARKDOWN_FEATURES } from '../core/markdown/parse.ts';
import { groundworkPlugin } from '../core/markdown/plugin.ts';
import { presentPlugin, type PresentOptions } from './present.ts';

export interface RenderOptions extends PresentOptions {
  /** Prefix for every id in the body (a policy inside its standard's page, an entry in the handbook). */
  idPrefix?: string;
  /** `field`: one structured value (a model attribute, a definition), anchored by its section: no paragraph ids of its own. */
  mode?: 'body' | 'field';
}

/** The plugins of one rendering: Groundwork's (as `check` runs it), then the presentation. Used for `.md` here and for `.mdx` by the MDX compiler. */
export function renderPlugins(options: RenderOptions): [MdastPluginEntry, MdastPluginEntry] {
  const { idPrefix, mode, ...present } = options;
  return [groundworkPlugin({ self: options.self, ...(idPrefix ? { idPrefix } : {}), ...(mode ? { mode } : {}) }), presentPlugin({ ...present, ...(idPrefix ? { idPrefix } : {}) })];
}

export function renderMarkdown(source: string, options: RenderOptions): string {
  const result = markdownToHtml(source, {
    mdastPlugins: renderPlugins(options),
    features: MARKDOWN_FEATURES,
    data: {},
  });
  // Sätteri returns a promise only when a plugin is asynchronous; both of ours are synchronous.
  if (result instanceof Promise) throw new Error('Groundwork: a Markdown plugin became asynchronous; renderMarkdown expects synchronous plugins');
  return result.html;
}

/** A one-paragraph value (a model attribute, a definition) without its `<p>`. */
export function renderInline(source: string, options: RenderOptions): string {
  // As `check` parses it: a value, not a body (else every value would be a `para-1`, and a page would repeat the id).
  return renderMarkdown(source, { ...options, permalinks: false, mode: 'field' }).trim().replace(/^<p>([\s\S]*)<\/p>$/, '$1');
}
