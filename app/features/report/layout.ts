// Page geometry from Nghị định 30/2020 (report-format.md): A4 portrait; margins top/bottom 20 mm,
// left 30 mm, right 15 mm (1134/1134/1701/851 twips). Sizes in points (1 pt = 20 twips).

export const PAGE = { width: 595.28, height: 841.89, top: 56.7, bottom: 56.7, left: 85.05, right: 42.55 } as const;
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Share of the text width the header's left column (parent/issuing body, number) takes. */
export const HEADER_LEFT = 0.4;

export const SIZE = {
  nationalTitle: 12.5,
  motto: 13,
  body: 13,
  number: 13,
  placeDate: 13,
  type: 14,
  text: 14,
  table: 12,
  distributionTitle: 12,
  distribution: 11,
  signer: 14,
  caption: 12,
  pageNumber: 13,
} as const;

export const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";
/** First-line indent of body paragraphs: 1.27 cm. */
export const INDENT = 36;
/** Space after paragraphs: at least 6 pt. */
export const AFTER = 6;
/** Line spacing ("single to 1.5"): extra leading in points at 14 pt. */
export const LEADING = 2.5;
/** The issuing body's and the summary's rule: this share of the text above it (decree: 1/3–1/2). */
export const SHORT_RULE = 0.4;
