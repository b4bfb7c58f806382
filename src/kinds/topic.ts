/** A practice question, answered from the sources. */
import { defineKind, type BaseData } from './define.ts';

export const topic = defineKind<BaseData>({
  name: 'topic',
  label: { one: 'Topic', many: 'Topics' },
  path: 'topics',
  blurb: 'Practice questions, each answered from the sources.',
  fields: () => ({}),
  handbook: 5,
});
