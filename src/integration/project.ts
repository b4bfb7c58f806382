/**
 * The knowledge base an Astro project builds, as the integration holds it: checked once per
 * build (and again after each change in the dev server), then turned into the site context and
 * the site model the pages present. Plain TypeScript; the Astro hooks are in `index.ts`.
 */
import { resolve } from 'node:path';
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import { checkProject } from '../core/project.ts';
import { createSiteContext, type SiteContext } from '../site/context.ts';
import { buildSiteModel, type BuiltSite } from '../site/model.ts';
import { flagsFromEnv } from './flags.ts';
import { checkOptionsFor, type ResolvedOptions } from './options.ts';

export class Project {
  readonly root: string;
  readonly options: ResolvedOptions;
  private checked?: Promise<KnowledgeBase>;
  private siteContext?: SiteContext;
  private built?: BuiltSite;
  /** Increases with every new check (the dev server's modules are keyed by it). */
  generation = 0;

  constructor(astroRoot: string, options: ResolvedOptions) {
    this.root = resolve(astroRoot, options.root);
    this.options = options;
  }

  /** The checked knowledge base (checked once until `invalidate`). */
  check(): Promise<KnowledgeBase> {
    // The `groundwork` CLI passes its --today, --strict, --no-cache and --threads through the environment.
    this.checked ??= checkProject(this.root, checkOptionsFor(this.options, flagsFromEnv()));
    return this.checked;
  }

  /** Forget everything: the next request checks again. */
  invalidate(): void {
    this.checked = undefined;
    this.siteContext = undefined;
    this.built = undefined;
    this.generation++;
  }

  async site(): Promise<SiteContext> {
    const kb = await this.check();
    this.siteContext ??= createSiteContext(kb);
    return this.siteContext;
  }

  async model(): Promise<BuiltSite> {
    if (!this.built) {
      const site = await this.site();
      this.built = buildSiteModel(site);
    }
    return this.built;
  }
}
