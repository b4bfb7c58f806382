/** The modules the `groundwork()` integration provides to its routes (see src/integration/vite.ts). */
declare module 'virtual:groundwork/site' {
  const model: import('./site/model.ts').SiteModel;
  export default model;
  /** One entry's page (`file` from `model.entries`). */
  export function entryPage(file: string): import('./site/entry-page.ts').EntryPage;
}
declare module 'virtual:groundwork/mdx' {
  export const bodies: Record<string, () => Promise<{ default: import('astro').AstroComponentFactory }>>;
  /** The same bodies compiled for the handbook (ids prefixed, headings moved down). */
  export const handbookBodies: Record<string, () => Promise<{ default: import('astro').AstroComponentFactory }>>;
}
