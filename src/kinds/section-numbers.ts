/**
 * Order of section numbers as codes and standards write them: "II.A.8" before "II.A.10",
 * "1.07(f)" before "1.07(g)", and unnumbered parts ("Purpose") first.
 */
const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

/** A section number segment as a number: roman numerals, digits, single letters. */
function segmentValue(seg: string): number {
  if (/^\d+$/.test(seg)) return Number(seg);
  if (/^[IVXL]+$/.test(seg)) {
    let n = 0;
    for (let i = 0; i < seg.length; i++) {
      const v = ROMAN[seg[i]!]!;
      const next = ROMAN[seg[i + 1] ?? ''] ?? 0;
      n += v < next ? -v : v;
    }
    return n;
  }
  if (/^[A-Za-z]$/.test(seg)) return seg.toUpperCase().charCodeAt(0) - 64;
  return -1;
}

export function compareSections(a: string | undefined, b: string | undefined): number {
  const split = (s: string | undefined) => (s ?? '').split(/[.()]+/).filter(Boolean).map(segmentValue);
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -2) - (y[i] ?? -2);
    if (d !== 0) return d;
  }
  return 0;
}
