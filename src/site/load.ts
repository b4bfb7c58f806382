/**
 * Load a knowledge base with its handbook profile: the one entry point that `check`, `build`
 * and the dev server share. Kept apart from site.ts so that `check` does not load the
 * rendering code (citeproc, HTML) it never uses.
 */
import { loadConfig } from '../core/config.ts';
import { loadKnowledgeBase } from '../core/knowledge-base.ts';

export function loadForRoot(root: string, opts: { today?: string; strict?: boolean; cache?: boolean } = {}) {
  const { config, problems } = loadConfig(root);
  const [referencesDir, ...extraReferencesDirs] = typeof config.references === 'string' ? [config.references] : config.references;
  const kb = loadKnowledgeBase({
    root,
    contentDir: config.content,
    referencesDir,
    extraReferencesDirs,
    extraContentDirs: config.local ? [config.local] : [],
    privacy: { clientNames: config.privacy.client_names, allow: config.privacy.allow },
    ...(opts.today ? { today: opts.today } : {}),
    ...(opts.strict ? { strict: true } : {}),
    ...(opts.cache === false ? { cache: false } : {}),
  });
  kb.problems.unshift(...problems);
  return { kb, config };
}

