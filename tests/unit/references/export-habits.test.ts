/**
 * What real reference-manager exports were found to contain that printed wrongly in the APA
 * reference list, each written here in the shape the export had (the entries are made up):
 * a title whose quotation marks are braced on their own (hand-kept and Google Scholar BibTeX),
 * Better BibTeX's `\vphantom` around a literal brace, `\ldots` at the end of a cut-short journal
 * name (Mendeley, Google Scholar), and Mendeley's several space-separated addresses in `url`.
 */
import { describe, expect, it } from 'vitest';
import { dropPhantoms, ellipses, firstAddress, markProtected, PROTECT_CLOSE, PROTECT_OPEN } from '../../../src/core/references/bibtex-normalise.ts';
import { createFormatter } from '../../../src/core/references/format.ts';
import { loadReferences } from '../../../src/core/references/load.ts';

function apa(bib: string): Record<string, string> {
  const { references, problems } = loadReferences([{ path: 'references/export.bib', text: bib }]);
  expect(problems.filter((p) => p.rule !== 'reference/unclassified')).toEqual([]);
  const f = createFormatter(references);
  return Object.fromEntries(f.bibliography([...references.keys()]).map((b) => [b.key, b.text]));
}

describe('a braced group without a letter', () => {
  it('is not marked as protected (it protects no case)', () => {
    expect(markProtected("{``}Why Should {I} Trust You?{''}")).toBe(`{\`\`}Why Should {${PROTECT_OPEN}I${PROTECT_CLOSE}} Trust You?{''}`);
    expect(markProtected('Results for {2020}--{2021}')).toBe('Results for {2020}--{2021}');
  });

  it('leaves quotation marks citeproc can pair: no markup in the reference', () => {
    const refs = apa(`@inproceedings{lime2016,
  title = {{\`\`}Why Should {I} Trust the Model?{''}: Explaining Predictions of Any Classifier},
  author = {Okafor, Ada and Lindqvist, Per},
  booktitle = {Proceedings of the Workshop on Explanations},
  pages = {97--101},
  year = {2016}
}`);
    expect(refs['lime2016']).toBe('Okafor, A., & Lindqvist, P. (2016). “Why should I trust the model?”: Explaining predictions of any classifier. Proceedings of the Workshop on Explanations, 97–101.');
  });
});

describe("Better BibTeX's \\vphantom", () => {
  it('is dropped with its argument, leaving the literal braces', () => {
    expect(dropPhantoms('Models in \\{\\vphantom\\}{{R}}\\vphantom\\{\\}')).toBe('Models in \\{{{R}}\\}');
    expect(dropPhantoms('a\\vphantom{x}b')).toBe('ab');
  });

  it('prints nothing in the reference', () => {
    const refs = apa(`@book{mlbook2024,
  title = {Applied {{Statistical Learning}} in \\{\\vphantom\\}{{R}}\\vphantom\\{\\}},
  editor = {Brandt, Jonas and Ode, Lina},
  year = {2024},
  publisher = {Fictional Press}
}`);
    expect(refs['mlbook2024']).toBe('Brandt, J., & Ode, L. (Eds.). (2024). Applied Statistical Learning in {R}. Fictional Press.');
  });
});

describe('\\ldots and \\dots', () => {
  it('become \\textellipsis, which citation-js prints as an ellipsis', () => {
    expect(ellipses('Annual ACM \\ldots')).toBe('Annual ACM \\textellipsis');
    expect(ellipses('a\\dots{} b \\ldotsx')).toBe('a\\textellipsis{} b \\ldotsx');
  });

  it('print as … in the reference', () => {
    const refs = apa(`@article{grove1996,
author = {Grove, L. K.},
journal = {Proceedings of the twenty-eighth annual ACM \\ldots},
pages = {212--219},
title = {{A fast algorithm for searching a list}},
year = {1996}
}`);
    expect(refs['grove1996']).toBe('Grove, L. K. (1996). A fast algorithm for searching a list. Proceedings of the Twenty-Eighth Annual ACM …, 212–219.');
  });
});

describe("Mendeley's several addresses in url", () => {
  it('keep the first', () => {
    expect(firstAddress('http://www.ncbi.nlm.nih.gov/pubmed/1 http://www.pubmedcentral.nih.gov/x?id=2')).toBe('http://www.ncbi.nlm.nih.gov/pubmed/1');
    expect(firstAddress('https://example.org/a')).toBe('https://example.org/a');
    // A space in one address (not a list): left for the URL rules to judge.
    expect(firstAddress('https://example.org/my file.pdf')).toBe('https://example.org/my file.pdf');
  });

  it('link the first in the reference', () => {
    const refs = apa(`@article{spin2013,
author = {Pla, Jarryd J and Tan, Kuan Y},
journal = {Nature},
title = {{Readout of a single spin.}},
url = {http://www.ncbi.nlm.nih.gov/pubmed/23598342 http://www.pubmedcentral.nih.gov/articlerender.fcgi?artid=PMC1},
volume = {496},
year = {2013}
}`);
    expect(refs['spin2013']).toBe('Pla, J. J., & Tan, K. Y. (2013). Readout of a single spin. Nature, 496. http://www.ncbi.nlm.nih.gov/pubmed/23598342');
  });
});

describe("Mendeley's arXiv identifier with its prefix", () => {
  it('links the abstract page without the prefix', () => {
    const refs = apa(`@article{groen2013,
archivePrefix = {arXiv},
arxivId = {arXiv:1311.5530v1},
author = {Groen, J. P. and Cramer, J.},
eprint = {arXiv:1311.5530v1},
title = {{Entanglement by parity measurement}},
year = {2013}
}`);
    expect(refs['groen2013']).toBe('Groen, J. P., & Cramer, J. (2013). Entanglement by parity measurement. https://arxiv.org/abs/1311.5530v1');
  });
});

describe("a master's thesis", () => {
  it('is a "Master’s thesis", not "[Mathesis]" (citation-js maps @mastersthesis to BibLaTeX’s mathesis)', () => {
    const refs = apa(`@MastersThesis{Park2021,
  author  = {Park, Min-jun},
  title   = {Online Peer Support during Lockdown},
  school  = {Harbour University},
  year    = {2021},
}
@thesis{eriksen2019,
  title = {Facilitator Style in Carer Groups},
  author = {Eriksen, Tobias},
  date = {2019},
  institution = {Harbour University},
  type = {mathesis}
}`);
    expect(refs['Park2021']).toBe('Park, M. (2021). Online peer support during lockdown [Master’s thesis]. Harbour University.');
    expect(refs['eriksen2019']).toBe('Eriksen, T. (2019). Facilitator style in carer groups [Master’s thesis]. Harbour University.');
  });
});
