/** The handbook profile's colours, as a stylesheet (no inline styles: the CSP forbids them). */
import type { APIRoute } from 'astro';
import site from 'virtual:groundwork/site';

export const GET: APIRoute = () => {
  const { accent, accent_dark } = site.colors;
  return new Response(`:root{--brand-accent:${accent};--brand-accent-dark:${accent_dark}}\n`, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
