/**
 * Astro content collections. The schemas live in src/schemas/ (one place); entries are
 * loaded by Groundwork's own pipeline — the same one `groundwork check` runs — so Astro sees
 * exactly the entries that were validated. Pages can use `getCollection('entries')`.
 */
import { defineCollection } from 'astro:content';
import { entrySchema } from './schemas/entries.ts';
import { getSite } from './site/site.ts';

const entries = defineCollection({
  loader: {
    name: 'groundwork-entries',
    load: async ({ store }) => {
      store.clear();
      for (const e of getSite().entries) store.set({ id: e.id, data: e.data as Record<string, unknown>, filePath: e.file });
    },
  },
  schema: entrySchema,
});

export const collections = { entries };
