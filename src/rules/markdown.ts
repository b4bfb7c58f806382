/** Rules the Markdown plugin reports (`src/core/markdown/`): claims, blocks, MDX, raw HTML. */
import { defineRules } from './define.ts';

export const CLAIM_RULES = defineRules('Claims', {
  'claim/uncited': { severity: 'error', description: 'A paragraph, list item, blockquote paragraph, table data cell, model attribute or glossary definition without a citation.' },
  'claim/navigation-cited': { severity: 'warning', description: 'A paragraph or list item that only points to other entries ("See [[x]] and [[y]].") but carries a citation anyway.' },
});

export const MARKDOWN_RULES = defineRules('Markdown, MDX and blocks', {
  'directive/unknown': { severity: 'error', description: 'A `:::block` (or `::block`) that is not an exempt block.' },
  'mdx/syntax': { severity: 'error', description: 'An `.mdx` file the MDX parser cannot read: an unescaped `{` or `<`, an unclosed element. Points at the `{` or the opening tag.' },
  'mdx/unknown-component': { severity: 'error', description: "A component in an `.mdx` entry that the entry neither imports nor is one of Groundwork's exempt blocks." },
  'markdown/raw-html': { severity: 'warning', description: 'Raw HTML in Markdown: it is dropped (so it can never run a script). HTML comments are allowed.' },
});
