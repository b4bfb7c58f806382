/**
 * The package's entry point (index.mjs) re-exports the values of src/index.ts one by one (it
 * loads the source at run time, so it cannot `export *`): the two lists must match, or an
 * adopter's import of a documented export fails while its types say it exists.
 */
import { describe, expect, it } from 'vitest';

describe('the package entry point', () => {
  it('exports every value src/index.ts exports', async () => {
    const source = await import('../../../src/index.ts');
    const entry = await import('../../../index.mjs');
    expect(Object.keys(entry).sort()).toEqual(Object.keys(source).sort());
    expect(entry.vocabularyField).toBe(source.vocabularyField);
  });
});
