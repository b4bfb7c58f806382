/** A glossary term's preview is its definition as text: citations and characters as a reader sees them. */
import { describe, expect, it } from 'vitest';
import { createSiteContext } from '../../../src/site/context.ts';
import { check } from '../project/kb.ts';

describe('glossary previews', () => {
  it('decode what the rendered definition escapes (<, &, quotes), and keep the citation as text', async () => {
    const kb = await check({
      'content/glossary/small-group.md': "---\nkind: glossary\ntitle: Small group\nsummary: S.\nterm: Small group\ndefinition: A group of <12 members who \"meet\" face to face [@toseland2017].\n---\n",
    });
    expect(kb.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const site = createSiteContext(kb);
    expect(site.glossary.terms.get('small group')!.definition).toBe('Small group: A group of <12 members who “meet” face to face (Toseland & Rivas, 2017).');
  });
});
