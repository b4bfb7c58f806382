/** Rules about reading files (reported by `src/core/files.ts`). */
import { defineRules } from './define.ts';

export const FILE_RULES = defineRules('Files', {
  'file/encoding': { severity: 'error', description: 'A file that is not UTF-8 text; the position is the first byte that is not.' },
  'file/too-large': { severity: 'error', description: 'An entry (or reference file) over 1 MB: almost always pasted data, not writing.' },
  'file/unreadable': { severity: 'error', description: 'A file that cannot be read (permissions, a broken link).' },
});
