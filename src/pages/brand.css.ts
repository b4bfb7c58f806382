import type { APIRoute } from 'astro';
import { getSite } from '../site/site.ts';

/** The handbook profile's colours, as a stylesheet (no inline styles: the CSP forbids them). */
export const GET: APIRoute = () => {
  const { colors } = getSite().config;
  const css = `:root{--brand-accent:${colors.accent};--brand-accent-dark:${colors.accent_dark}}\n`;
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
