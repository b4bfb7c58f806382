/** Link rules: every link and entry-naming field must reach an entry (and its anchor). */
import type { Entry, KnowledgeBase } from '../core/knowledge-base.ts';
import { nearest } from '../core/did-you-mean.ts';
import { sitePages } from '../site/pages.ts';
import { defineRules } from './define.ts';
import type { Report } from './report.ts';

export const LINK_RULES = defineRules('Links', {
  'link/broken-entry': { severity: 'error', description: 'A `[[wikilink]]` or Markdown link to an entry that does not exist.' },
  'link/broken-anchor': { severity: 'error', description: 'A link to a heading or paragraph anchor the entry does not have.' },
  'link/broken-field': { severity: 'error', description: '`related`, `see_also`, `compare`, `attaches_to` or a reading-list `entry` naming a missing entry.' },
  'link/alias': { severity: 'error', description: "A link to an old id (an alias) instead of the entry's current id." },
  'link/unsafe-url': { severity: 'error', description: 'A `javascript:`, `vbscript:` or `data:` link.' },
  'link/malformed': { severity: 'error', description: 'A wiki-link that names no entry: `[[#anchor]]`, `[[ ]]`, `[[]]`, `[[|label]]`.' },
  'policy/attach-kind': { severity: 'error', description: 'A local policy attached to an entry of a kind it cannot attach to (a standard, ethics or topic entry).' },
});

function addTo(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(id)) list.push(id);
  map.set(key, list);
}

/**
 * Every link must name an entry (or one of the site's pages), use its current id and an
 * anchor it has; records backlinks, and the policies attached to each entry.
 */
export function checkLinks(kb: KnowledgeBase, report: Report, attachable: (target: Entry) => boolean): void {
  const ids = [...kb.byId.keys()];
  const pages = sitePages(kb.registry);
  for (const e of kb.entries) {
    for (const l of e.links) {
      if (l.target.startsWith('unsafe:')) {
        report(LINK_RULES['link/unsafe-url'], e.file, l.at, `the link \`${l.target.slice(7)}\` would run code or embed data when clicked`, 'link to a web address (https://…) or an entry id');
        continue;
      }
      const target = kb.byId.get(l.target);
      if (!target) {
        if (l.via === 'markdown' && pages.has(l.target)) continue;
        const renamed = kb.aliases.get(l.target);
        if (renamed) {
          report(LINK_RULES['link/alias'], e.file, l.at, `\`${l.target}\` is an old id: the entry is now \`${renamed}\``, `link to \`${renamed}\` (the old URL still redirects, but links in the knowledge base should use the current id)`);
          continue;
        }
        const best = nearest(l.target, ids.filter((id) => id !== e.id));
        report(
          l.via === 'field' ? LINK_RULES['link/broken-field'] : LINK_RULES['link/broken-entry'],
          e.file,
          l.at,
          `${l.field ? `\`${l.field}\` names` : 'the link points to'} \`${l.target}\`, which is not an entry`,
          `${best ? `did you mean ${best}? ` : ''}if an entry was renamed from \`${l.target}\`, add \`aliases: [${l.target}]\` to its frontmatter`,
        );
        continue;
      }
      if (l.fragment && !target.anchors.has(l.fragment)) {
        const best = nearest(l.fragment, [...target.anchors]);
        report(
          LINK_RULES['link/broken-anchor'],
          e.file,
          l.at,
          `\`${target.id}\` has no heading or paragraph \`#${l.fragment}\``,
          best ? `did you mean #${best}?` : `its headings are: ${target.headings.map((h) => `#${h.slug}`).join(', ') || '(none)'}`,
        );
        continue;
      }
      if (l.relation === 'attach') {
        if (!attachable(target)) {
          report(LINK_RULES['policy/attach-kind'], e.file, l.at, `a local policy can attach to a standard, ethics or topic entry; \`${target.id}\` is a ${target.kind}`, 'attach it to the standard or code section it implements');
        }
        addTo(kb.overlays, target.id, e.id);
      } else if (target.id !== e.id) addTo(kb.backlinks, target.id, e.id);
    }
  }
}
