/**
 * Exempt blocks: editorial notes, case scenarios, discussion questions, learning objectives
 * and examples are not claims. Authors write them as `:::name` container directives in Markdown,
 * or as the matching components in MDX; the page shows each with its label, so a reader can
 * tell them from the cited text around them.
 */
export const EXEMPT_BLOCKS: Record<string, string> = {
  note: 'Editorial note',
  scenario: 'Case scenario',
  question: 'Discussion questions',
  questions: 'Discussion questions',
  objectives: 'Learning objectives',
  example: 'Example',
};

/** MDX component names for the same blocks (no import needed). */
export const EXEMPT_COMPONENTS: Record<string, string> = {
  Note: 'note',
  Scenario: 'scenario',
  Question: 'question',
  Questions: 'questions',
  Objectives: 'objectives',
  Example: 'example',
};
