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
    load: async ({ store, watcher }) => {
      store.clear();
      for (const e of getSite().entries) store.set({ id: e.id, data: e.data as Record<string, unknown>, filePath: e.file });
      // In the dev server, an edited entry, source or profile is read again on the next request.
      watcher?.on('all', (_event, path) => {
        if (!/[\\/](content|references|local)[\\/]|groundwork\.config\.yaml$/.test(path)) return;
        globalThis.__groundworkSite = undefined;
        globalThis.__groundworkKb = undefined;
      });
    },
  },
  schema: entrySchema,
});

export const collections = { entries };
