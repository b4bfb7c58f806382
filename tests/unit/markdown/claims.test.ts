import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/core/markdown/processor.ts';

const run = (md: string, mdx = false) => {
  const { file } = parseMarkdown(md, 'content/t.md', { mdx });
  return {
    errors: file.messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.ruleId}`),
    claims: (file.data.claims?.claims ?? []).map((c) => `${c.kind} ${c.id} [${c.keys.join(',')}]`),
  };
};

describe('the claim rule', () => {
  it('accepts cited paragraphs and gives them APA-style anchors', () => {
    const r = run('Intro claim [@a].\n\n## Why it matters\n\nFirst [@b].\n\nSecond @c says so.\n');
    expect(r.errors).toEqual([]);
    expect(r.claims).toEqual(['paragraph para-1 [a]', 'paragraph why-it-matters-para-1 [b]', 'paragraph why-it-matters-para-2 [c]']);
  });
  it('reports an uncited paragraph at its line and column', () => {
    expect(run('Cited [@a].\n\nNot cited at all.\n').errors).toEqual(['3:1 claim/uncited']);
  });
  it('checks list items, blockquote paragraphs and table data cells', () => {
    const md = ['- item [@a]', '- bare item', '', '> quoted without source', '', '| Head | Head |', '| --- | --- |', '| cell [@a] | bare cell |', ''].join('\n');
    expect(run(md).errors).toEqual(['2:1 claim/uncited', '4:3 claim/uncited', '8:13 claim/uncited']);
  });
  it('lets a list inherit the citation of an introducing paragraph that ends with a colon', () => {
    const r = run('The standards name three tasks [@aaswg2006, sec. III.A]:\n\n- contract;\n- cohesion;\n- norms.\n');
    expect(r.errors).toEqual([]);
    expect(r.claims.slice(1)).toEqual(['list-item para-2 [aaswg2006]', 'list-item para-3 [aaswg2006]', 'list-item para-4 [aaswg2006]']);
  });
  it('does not inherit when the introducing paragraph does not end with a colon', () => {
    expect(run('Tasks follow [@a].\n\n- contract\n').errors).toEqual(['3:1 claim/uncited']);
  });
  it('exempts note, scenario, question and objectives blocks', () => {
    const md = ':::note\nAn editorial remark.\n:::\n\n:::scenario[The carers group]\nA member arrives late.\n:::\n\n:::question\n1. What would you do?\n:::\n\n:::objectives\n- Compare settings.\n:::\n';
    expect(run(md)).toEqual({ errors: [], claims: [] });
  });
  it('rejects an unknown block name', () => {
    expect(run(':::warning\nText.\n:::\n').errors).toEqual(['1:1 directive/unknown']);
  });
  it('accepts the same blocks as MDX components and rejects imports', () => {
    expect(run('<Note>\nA remark.\n</Note>\n\nA claim [@a].\n', true).errors).toEqual([]);
    expect(run("import X from './x.js'\n\nA claim [@a].\n", true).errors).toEqual(['1:1 mdx/unsupported']);
  });
  it('reports an MDX syntax error with its position instead of throwing', () => {
    const r = run('A claim [@a].\n\n<Note>\nunclosed\n', true);
    expect(r.errors.length).toBe(1);
    expect(r.errors[0]).toMatch(/^\d+:\d+ mdx\/syntax$/);
  });
  it('keeps text like "Note:this" as text', () => {
    expect(run('Note:this is cited [@a].\n').errors).toEqual([]);
  });
});
