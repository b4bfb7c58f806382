/** An agency's local policy, shown inside the standard, code section or topic it applies. */
import { defineKind, entryId, type BaseData } from './define.ts';

export interface PolicyData extends BaseData {
  kind: 'policy';
  attaches_to: string;
}

/** The kinds a local policy may attach to. */
export const ATTACHABLE = ['standard', 'ethics', 'topic'];

export const policy = defineKind<PolicyData>({
  name: 'policy',
  label: { one: 'Agency policy', many: 'Agency policies' },
  path: 'local',
  blurb: 'Local policy shown inside the standard or code it applies.',
  fields: () => ({ attaches_to: entryId }),
  entryFields: (d) => [{ field: 'attaches_to', path: ['attaches_to'], target: d.attaches_to, relation: 'attach' }],
  handbook: 8,
  nav: false,
  overlay: true,
});
