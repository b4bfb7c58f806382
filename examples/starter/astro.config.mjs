// @ts-check
import { defineConfig } from 'astro/config';
import groundwork from 'groundwork';

export default defineConfig({
  integrations: [groundwork()],
});
