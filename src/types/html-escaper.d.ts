declare module 'html-escaper' {
  /** Escapes &, <, >, ' and " for HTML text and attribute values. */
  export function escape(text: string): string;
  export function unescape(text: string): string;
}
