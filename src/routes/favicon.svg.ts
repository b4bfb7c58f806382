/** Groundwork's icon, for a knowledge base without its own `public/favicon.svg`. */
export const GET = () =>
  new Response(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4f91"/><path d="M8 22h16M10 17h12M12 12h8" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>\n`,
    { headers: { 'Content-Type': 'image/svg+xml' } },
  );
