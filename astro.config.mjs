// @ts-check
// The default knowledge base (content/, references/, groundwork.config.yaml), built like any
// knowledge base that depends on Groundwork: Astro with the groundwork() integration.
import { defineConfig } from 'astro/config';
import groundwork from 'groundwork-kb';

export default defineConfig({
  integrations: [groundwork()],
});
