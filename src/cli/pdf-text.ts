/** The text of each page of a PDF (with pdf.js, through unpdf: no native code, no browser). */
import { extractText, getDocumentProxy } from 'unpdf';

export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  // pdf.js takes ownership of the buffer it is given: pass a copy.
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: false });
  return text;
}
