// HTML escaping for strings pages put into set:html (Astro escapes everything else itself).
export { escape as escapeHTML } from 'html-escaper';
