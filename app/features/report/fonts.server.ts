import fs from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

// Tinos (metric-compatible with Times New Roman, full Vietnamese) from @expo-google-fonts/tinos:
// `npm install` is all a machine needs to produce the report, no system fonts or office suite.

const require = createRequire(import.meta.url);
const file = (style: string) => require.resolve(`@expo-google-fonts/tinos/${style}/Tinos_${style}.ttf`);

export const FONT_FILES = {
  regular: file("400Regular"),
  bold: file("700Bold"),
  italic: file("400Regular_Italic"),
  boldItalic: file("700Bold_Italic"),
} as const;
export type FontStyle = keyof typeof FONT_FILES;

let bytes: Record<FontStyle, Buffer> | null = null;
export function fontBytes(): Record<FontStyle, Buffer> {
  bytes ??= Object.fromEntries(Object.entries(FONT_FILES).map(([k, f]) => [k, fs.readFileSync(f)])) as Record<FontStyle, Buffer>;
  return bytes;
}

let measurer: PDFKit.PDFDocument | null = null;
/** Width of a text in points, with the real font metrics (the DOCX sizes its short rules by it). */
export function textWidth(text: string, size: number, style: FontStyle = "regular"): number {
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false });
    for (const [k, b] of Object.entries(fontBytes())) measurer.registerFont(k, b);
  }
  return measurer.font(style).fontSize(size).widthOfString(text.normalize("NFC"));
}
