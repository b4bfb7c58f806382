/**
 * `groundwork()`: the Astro integration that makes an Astro project a Groundwork knowledge base.
 *
 * - It checks the knowledge base before anything is built: `astro build` stops on any error
 *   with the same `file:line:col` report as `groundwork check`; `astro dev` checks again after
 *   every change, prints the problems and shows them in the browser's error overlay.
 * - It injects the routes (entry pages, kind indexes, references, evidence map, search, the
 *   printable handbook …) and hands them the checked site through virtual modules.
 * - It compiles `.mdx` entries with Astro's MDX integration on Sätteri and Groundwork's plugins.
 * - After the build it writes the citation downloads and the search index.
 *
 * Its options are validated by zod (`options.ts`); the knowledge base's own settings live in
 * groundwork.config.yaml.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Plugin } from 'vite';
import { CONFIG_FILE, loadConfig } from '../config/load.ts';
import { hasErrors } from '../core/knowledge-base.ts';
import type { Problem } from '../core/problems.ts';
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import { errorMap, formatPath } from '../core/zod-issues.ts';
import { formatProblems, shownFrom, summary } from '../cli/report.ts';
import type { SiteContext } from '../site/context.ts';
import { SITE_ROUTES } from '../site/pages.ts';
import { resolvesAstro } from '../cli/astro-config.ts';
import { SEARCH_INDEX_AFTER_ENV, SEARCH_INDEX_PENDING } from './flags.ts';
import { OPTIONS, optionsSchema, type GroundworkOptions, type ResolvedOptions } from './options.ts';
import type { Project } from './project.ts';

// Importing the integration (as `groundwork check` does, to read its options from
// astro.config) stays light: what only a build or the dev server needs is imported by the hooks.

const route = (file: string) => new URL(`../routes/${file}`, import.meta.url);

/**
 * A knowledge base in a folder of its own, with no node_modules of its own (a test fixture, or a
 * folder `groundwork build --root` points at), still builds: a module that cannot be found from
 * the knowledge base's folder is looked for from Groundwork's own installation.
 */
function fallbackResolution(root: string): Plugin[] {
  if (resolvesAstro(root)) return [];
  return [
    {
      name: 'groundwork:resolve-from-groundwork',
      enforce: 'pre',
      async resolveId(id, importer, options) {
        if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0') || id.includes(':')) return null;
        const found = await this.resolve(id, importer, { ...options, skipSelf: true });
        if (found) return found;
        try {
          return fileURLToPath(import.meta.resolve(id));
        } catch {
          return null;
        }
      },
    },
  ];
}

/** The pages: fixed ones first (they win over the catch-all entry route). */
const ROUTES: { pattern: string; file: string }[] = [
  { pattern: `/${SITE_ROUTES.home}`, file: 'index.astro' },
  { pattern: `/${SITE_ROUTES.references}/[...page]`, file: 'references.astro' },
  { pattern: `/${SITE_ROUTES.evidence}`, file: 'evidence.astro' },
  { pattern: `/${SITE_ROUTES.amendments}`, file: 'amendments.astro' },
  { pattern: `/${SITE_ROUTES.search}`, file: 'search.astro' },
  { pattern: `/${SITE_ROUTES.handbook}/[...rest]`, file: 'handbook.astro' },
  { pattern: '/404', file: '404.astro' },
  { pattern: '/brand.css', file: 'brand.css.ts' },
  { pattern: '/cite/[...id]/bibliography', file: 'bibliography.astro' },
  { pattern: `/${SITE_ROUTES.evidence}/[kind]/[...page]`, file: 'evidence-kind.astro' },
  { pattern: '/[kind]/[...page]', file: 'kind.astro' },
  { pattern: '/[...id]', file: 'entry.astro' },
];

/** The check's report, at the level it deserves (a build run quietly still shows errors). */
function report(project: Project, problems: Problem[], logger: AstroIntegrationLogger, ms?: number, entries = 0, references = 0): void {
  const options = { root: shownFrom(), base: project.root };
  const log = hasErrors(problems) ? logger.error.bind(logger) : problems.length > 0 ? logger.warn.bind(logger) : logger.info.bind(logger);
  if (problems.length > 0) log(`\n${formatProblems(problems, options)}\n`);
  log(summary(problems, entries, references, ms ?? 0));
}

export default function groundwork(userOptions: GroundworkOptions = {}): AstroIntegration {
  const parsed = optionsSchema.safeParse(userOptions, { error: errorMap });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`groundwork(): option \`${formatPath(issue.path) || '(options)'}\` ${issue.code === 'unrecognized_keys' ? `is unknown (${issue.keys.join(', ')})` : issue.message}; the options are: ${Object.keys(optionsSchema.shape).join(', ')}`);
  }
  const options: ResolvedOptions = parsed.data;
  let project: Project | undefined;
  let projectRoot = '';
  let current: SiteContext | undefined;
  let dataDir = '';
  const aliasPages = new Set<string>();

  /** Check (once per change), print the report, and have the site ready for MDX compiles. */
  let reported: KnowledgeBase | undefined;
  const check = async (logger: AstroIntegrationLogger): Promise<boolean> => {
    const t0 = performance.now();
    const kb = await project!.check();
    // One report per check: Astro may set the integration up twice (it does when NODE_ENV is
    // not production), and the dev server asks again at start.
    if (kb !== reported) report(project!, kb.problems, logger, performance.now() - t0, kb.entries.length, kb.references.size);
    reported = kb;
    if (hasErrors(kb.problems)) {
      current = undefined;
      return false;
    }
    current = await project!.site();
    aliasPages.clear();
    for (const alias of kb.aliases.keys()) aliasPages.add(alias);
    return true;
  };

  const integration: AstroIntegration = {
    name: 'groundwork',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, injectRoute, addWatchFile, logger }) => {
        const astroRoot = fileURLToPath(config.root);
        const [{ default: mdx }, { default: sitemap }, { mdxProcessor }, { Project }, { groundworkVitePlugin }] = await Promise.all([
          import('@astrojs/mdx'),
          import('@astrojs/sitemap'),
          import('./mdx.ts'),
          import('./project.ts'),
          import('./vite.ts'),
        ]);
        // Set up again (Astro does when NODE_ENV is not production), the project and its check are kept.
        if (!project || projectRoot !== astroRoot) project = new Project(astroRoot, options);
        projectRoot = astroRoot;
        dataDir = join(project.root, '.groundwork', 'build');
        const profile = loadConfig(project.root).config;
        addWatchFile(join(project.root, CONFIG_FILE));
        const base = profile.base.replace(/^\/|\/$/g, '');
        updateConfig({
          site: config.site ?? profile.site,
          ...(config.base === '/' ? { base: profile.base } : {}),
          trailingSlash: 'always',
          build: { format: 'directory', inlineStylesheets: 'never' },
          prefetch: false,
          devToolbar: { enabled: false },
          integrations: [
            mdx({ processor: mdxProcessor({ current: () => current }) }),
            sitemap({
              // Redirect pages of old ids are not pages of their own.
              filter: (page) => {
                const path = new URL(page).pathname.replace(/^\/|\/$/g, '');
                return !aliasPages.has(base && path.startsWith(`${base}/`) ? path.slice(base.length + 1) : path);
              },
            }),
          ],
          vite: {
            plugins: [groundworkVitePlugin(project, { dataDir }), ...fallbackResolution(astroRoot)],
            // Scripts stay files: the pages' Content-Security-Policy allows no inline script.
            build: { assetsInlineLimit: 0 },
          },
        });
        for (const r of ROUTES) injectRoute({ pattern: r.pattern, entrypoint: route(r.file), prerender: true });
        if (!existsSync(join(project.root, 'public', 'favicon.svg'))) injectRoute({ pattern: '/favicon.svg', entrypoint: route('favicon.svg.ts'), prerender: true });
        if (command === 'build') {
          if (!(await check(logger))) {
            // An Astro error without a stack: the report above is what the person needs.
            const { AstroError } = await import('astro/errors');
            const error = new AstroError('The knowledge base has errors, listed above with their file:line:column. Nothing was built.', 'Fix each as its hint says, then build again (`groundwork check` checks without building).');
            error.stack = '';
            throw error;
          }
        }
      },
      'astro:server:setup': async ({ server, logger }) => {
        const p = project!;
        const { SITE_MODULE, MDX_MODULE } = await import('./vite.ts'); // loaded already by config:setup
        await check(logger);
        const kb = await p.check();
        const watched = [kb.config.content, ...(typeof kb.config.references === 'string' ? [kb.config.references] : kb.config.references), ...(kb.config.local ? [kb.config.local] : [])].map((d) => resolve(p.root, d));
        const config = join(p.root, CONFIG_FILE);
        server.watcher.add([...watched, config]);
        let pending: Promise<void> | undefined;
        server.watcher.on('all', (_event, path) => {
          const abs = resolve(path);
          if (abs !== config && !watched.some((d) => !relative(d, abs).startsWith('..'))) return;
          pending = (pending ?? Promise.resolve()).then(async () => {
            p.invalidate();
            await check(logger);
            // Every page and every compiled body may show what changed (titles, citations, links).
            for (const id of [SITE_MODULE, MDX_MODULE]) {
              const mod = server.moduleGraph.getModuleById(`\0${id}`);
              if (mod) server.moduleGraph.invalidateModule(mod);
            }
            for (const mod of server.moduleGraph.idToModuleMap.values()) if (mod.id?.endsWith('.mdx')) server.moduleGraph.invalidateModule(mod);
            server.ws.send({ type: 'full-reload' });
          });
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { writeDownloads } = await import('./build-done.ts');
        const site = await project!.site();
        // What rendering found, the .mdx bodies the bundler compiled included. Errors in the
        // entry pages stopped the build when the site module loaded; these are the rest.
        const [{ renderProblems }, { GroundworkCheckError }] = await Promise.all([import('../site/model.ts'), import('./vite.ts')]);
        const problems = renderProblems(site);
        if (hasErrors(problems)) throw new GroundworkCheckError(formatProblems(problems, { color: false, root: shownFrom(), base: project!.root }), problems.length);
        // Those the profile made warnings (`citation/unformattable: warning`).
        if (problems.length > 0) logger.warn(`\n${formatProblems(problems, { root: shownFrom(), base: project!.root })}\n`);
        const files = writeDownloads(site, out);
        logger.info(`wrote ${files} citation downloads`);
        if (options.search && process.env[SEARCH_INDEX_AFTER_ENV] === '1') {
          writeFileSync(join(out, SEARCH_INDEX_PENDING), '');
        } else if (options.search) {
          const t0 = performance.now();
          const { writeSearchIndex } = await import('./search-index.ts');
          const pages = await writeSearchIndex(out);
          logger.info(`indexed ${pages} pages for search in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
        }
        rmSync(dataDir, { recursive: true, force: true });
      },
    },
  };
  (integration as unknown as Record<symbol, unknown>)[OPTIONS] = options;
  return integration;
}

export type { GroundworkOptions };
