import type { APIRoute } from 'astro';
import { getSite } from '../site/site.ts';

/** The handbook profile's colours, as a stylesheet (no inline styles: the CSP forbids them). */
export const GET: APIRoute = () => {
  const { colors } = getSite().config;
  const css = `:root{--accent:${colors.accent}}@media (prefers-color-scheme: dark){:root{--accent:${colors.accent_dark}}}\n`;
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
