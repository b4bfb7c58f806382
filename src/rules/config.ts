/**
 * Rules about the handbook profile. Its form is checked when it is read (`src/config/load.ts`);
 * what it names — kinds, entries, rules — is checked here against the knowledge base, so that a
 * typo in the scope of an agency's handbook fails `check`, not only the build.
 */
import type { LoadedConfig } from '../config/load.ts';
import { CONFIG_FILE } from '../config/load.ts';
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import { nearest } from '../core/did-you-mean.ts';
import { defineRules } from './define.ts';
import type { Report } from './report.ts';

export const CONFIG_RULES = defineRules('Reviews, local policies and the handbook profile', {
  'config/invalid-yaml': { severity: 'error', description: '`groundwork.config.yaml` that is not valid YAML.' },
  'config/invalid-field': { severity: 'error', description: 'A profile field of the wrong form, or unknown.' },
  'config/unknown-kind': { severity: 'error', description: 'A kind in `include.kinds` that is not an entry kind.' },
  'config/unknown-entry': { severity: 'error', description: 'An id in `include.entries`, `include.exclude` or an amendment\'s `entries` that is not an entry.' },
  'config/unknown-rule': { severity: 'error', description: 'A rule id in `rules:` that is not a validator rule.' },
});

export function checkProfileScope(kb: KnowledgeBase, profile: LoadedConfig, kindNames: string[], ruleIds: string[], report: Report): void {
  const { config, positionOf } = profile;
  const dym = (word: string, list: string[]) => {
    const best = nearest(word, list);
    return best ? `did you mean \`${best}\`? ` : '';
  };
  (config.include.kinds ?? []).forEach((kind, i) => {
    if (!kindNames.includes(kind)) report(CONFIG_RULES['config/unknown-kind'], CONFIG_FILE, positionOf(['include', 'kinds', i]), `\`${kind}\` in \`include.kinds\` is not an entry kind`, `${dym(kind, kindNames)}the kinds are: ${kindNames.join(', ')}`);
  });
  const ids = [...kb.byId.keys()];
  const checkId = (id: string, path: (string | number)[], where: string) => {
    if (kb.byId.has(id)) return;
    const renamed = kb.aliases.get(id);
    report(
      CONFIG_RULES['config/unknown-entry'],
      CONFIG_FILE,
      positionOf(path),
      `\`${id}\` in \`${where}\` is not an entry`,
      renamed ? `it is an old id: the entry is now \`${renamed}\`` : `${dym(id, ids)}write the id of an entry (its path under the content folder, without extension)`,
    );
  };
  (config.include.entries ?? []).forEach((id, i) => checkId(id, ['include', 'entries', i], 'include.entries'));
  config.include.exclude.forEach((id, i) => checkId(id, ['include', 'exclude', i], 'include.exclude'));
  config.amendments.forEach((a, i) => a.entries.forEach((id, j) => checkId(id, ['amendments', i, 'entries', j], `amendments[${i}].entries`)));
  for (const id of Object.keys(config.rules)) {
    if (!ruleIds.includes(id)) report(CONFIG_RULES['config/unknown-rule'], CONFIG_FILE, positionOf(['rules', id]), `\`${id}\` in \`rules\` is not a validator rule`, `${dym(id, ruleIds)}the rules are listed in docs/validator-rules.md`);
  }
}
