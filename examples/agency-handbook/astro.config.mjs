// @ts-check
// A fictional agency's handbook, built like any knowledge base that depends on Groundwork.
import { defineConfig } from 'astro/config';
import groundwork from 'groundwork-kb';

export default defineConfig({
  integrations: [groundwork()],
});
