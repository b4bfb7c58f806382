/** A reading list (a course week): entries and references in order, with notes and questions. */
import { z } from 'astro/zod';
import { defineKind, entryRef, type BaseData } from './define.ts';

export type ReadingItem = { entry: string; note?: string } | { ref: string; note?: string };

export interface ReadingData extends BaseData {
  kind: 'reading';
  course: string;
  week: number | string;
  objectives: string[];
  items: ReadingItem[];
  questions: string[];
}

const item = z.union([
  z.object({ entry: entryRef, note: z.string().optional() }).strict(),
  z.object({ ref: z.string().min(1), note: z.string().optional() }).strict(),
]);

export const reading = defineKind<ReadingData>({
  name: 'reading',
  label: { one: 'Reading list', many: 'Reading lists' },
  path: 'readings',
  blurb: 'Course weeks: readings, notes and discussion questions.',
  fields: () => ({
    course: z.string().min(1),
    week: z.union([z.number().int(), z.string().min(1)]),
    objectives: z.array(z.string().min(1)).default([]),
    items: z.array(item).min(1, 'a reading list needs at least one item'),
    questions: z.array(z.string().min(1)).default([]),
  }),
  entryFields: (d) =>
    d.items.flatMap((it, i) => {
      if (!('entry' in it)) return [];
      const [target, fragment] = it.entry.split('#') as [string, string | undefined];
      return [{ field: `items[${i}].entry`, path: ['items', i], target, ...(fragment ? { fragment } : {}) }];
    }),
  referenceFields: (d) => d.items.flatMap((it, i) => ('ref' in it ? [{ field: `items[${i}].ref`, path: ['items', i], key: it.ref, listed: false }] : [])),
  compare: (a, b) => a.course.localeCompare(b.course) || String(a.week).localeCompare(String(b.week), undefined, { numeric: true }),
  facts: (d) => [
    { label: 'Course', text: d.course },
    { label: 'Week', text: String(d.week) },
  ],
  sections: (d, tools, id) => [
    ...(d.objectives.length > 0
      ? [{ type: 'exempt-list' as const, heading: 'Learning objectives', note: "Learning objectives set the week's aims; they are not claims and carry no citations.", ordered: false, items: d.objectives }]
      : []),
    {
      type: 'readings',
      heading: 'Readings, in order',
      items: d.items.map((it) => {
        if ('ref' in it) return { kind: 'reference' as const, html: tools.reference(it.ref) };
        const [target, anchor] = it.entry.split('#') as [string, string | undefined];
        const e = tools.entry(target, anchor)!;
        const place = anchor ? e.place(anchor) : '';
        return { kind: 'entry' as const, title: `${e.title}${place}`, ...(e.href ? { href: e.href } : {}), label: e.kindLabel };
      }),
      notes: d.items.map((it) => it.note),
      exports: [
        { label: 'APA page', href: tools.url(`cite/${id}/bibliography/`) },
        { label: 'BibTeX', href: tools.url(`cite/${id}.bib`), download: true },
        { label: 'RIS', href: tools.url(`cite/${id}.ris`), download: true },
      ],
    },
    ...(d.questions.length > 0 ? [{ type: 'exempt-list' as const, heading: 'Discussion questions', ordered: true, items: d.questions }] : []),
  ],
  handbook: 6,
});
