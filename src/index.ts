/**
 * Groundwork, as a package: the Astro integration, and what a knowledge base needs to extend it
 * (its own kinds, fields and vocabularies).
 */
export { default, default as groundwork, type GroundworkOptions } from './integration/index.ts';
export { defineKind, type KindDefinition, type BaseData } from './kinds/index.ts';
export type { Section, PageTools, Fact, KindContext } from './kinds/define.ts';
/** A field whose values come from one of the profile's vocabularies (with did-you-mean), for a kind's `fields(ctx)`. */
export { vocabularyField, type Vocabularies } from './config/vocabularies.ts';
