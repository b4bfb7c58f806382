// @ts-check
import { defineConfig } from 'astro/config';
import groundwork from 'groundwork-kb';

export default defineConfig({
  integrations: [groundwork()],
});
