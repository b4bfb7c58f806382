/**
 * A knowledge base on disk, checked: the handbook profile, the kind registry (with the
 * integration's kinds and schema extensions, and the profile's vocabularies), then the pipeline.
 * `check`, `build`, the dev server and the tests all start here.
 */
import { loadConfig, type LoadedConfig } from '../config/load.ts';
import type { Vocabularies } from '../config/vocabularies.ts';
import { createRegistry, type KindOptions, type KindRegistry } from '../kinds/index.ts';
import { loadKnowledgeBase, type KnowledgeBase, type KnowledgeBaseOptions } from './knowledge-base.ts';

export interface CheckOptions extends KindOptions {
  today?: string;
  strict?: boolean;
  cache?: boolean;
  threads?: KnowledgeBaseOptions['threads'];
}

export function vocabulariesOf(profile: LoadedConfig): Vocabularies {
  const lists: Record<string, readonly string[]> = {};
  for (const [name, values] of Object.entries(profile.config.vocabularies)) if (values) lists[name] = values;
  return { lists };
}

export function registryFor(profile: LoadedConfig, options: KindOptions = {}): KindRegistry {
  return createRegistry({ ...options, vocabularies: vocabulariesOf(profile) });
}

/** Load, parse and validate the knowledge base at `root`. */
export async function checkProject(root: string, options: CheckOptions = {}): Promise<KnowledgeBase> {
  const profile = loadConfig(root);
  const registry = registryFor(profile, options);
  return loadKnowledgeBase({
    root,
    profile,
    registry,
    ...(options.today ? { today: options.today } : {}),
    ...(options.strict ? { strict: true } : {}),
    ...(options.cache === false ? { cache: false } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
  });
}
