import { fileTypeFromBuffer } from "file-type";
import sharp, { type Metadata } from "sharp";
import exifReader from "exif-reader";
import { ApiError } from "~/utils/api.server";

// What an uploaded file becomes before anything is stored: its type decided by its bytes (never
// its name or the browser's claim), photos re-encoded without any metadata, documents kept as is.

/** Pixels sharp may decode: about a 50-megapixel photo. A decompression bomb fails fast at this. */
export const MAX_INPUT_PIXELS = 50_000_000;
const DISPLAY_EDGE = 1600;
const THUMB_EDGE = 320;

const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"]);
const HEIC_TYPES = new Set(["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"]);
const DOCUMENT_TYPES: Record<string, string> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

export type Processed =
  | { kind: "image"; mime: "image/jpeg"; display: Buffer; thumb: Buffer; width: number; height: number; takenAt: Date | null }
  | { kind: "file"; mime: string; ext: string; bytes: Buffer };

const bomb = () => new ApiError(413, "image_too_large", `the photo has more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels`);
const unsupported = (message: string) => new ApiError(415, "unsupported_type", message);

/** Can this server's sharp decode HEIC (HEVC)? The prebuilt libvips ships AVIF only, for patent reasons. */
export function heicSupported(): boolean {
  const heif = (sharp.format as unknown as Record<string, { input?: { fileSuffix?: string[] } }>).heif;
  return !!heif?.input?.fileSuffix?.includes(".heic");
}

export async function processUpload(bytes: Buffer, claimedName: string): Promise<Processed> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type) throw unsupported(`"${claimedName}" is not a photo (JPEG, PNG, WebP) or a PDF, DOCX or XLSX file: its content does not match any of them`);
  if (HEIC_TYPES.has(type.mime) && !heicSupported()) {
    throw unsupported("HEIC photos cannot be read by this server; set the iPhone camera to \"Most Compatible\" (JPEG) or share the photo as JPEG");
  }
  if (IMAGE_TYPES.has(type.mime) || HEIC_TYPES.has(type.mime)) return processImage(bytes);
  const ext = DOCUMENT_TYPES[type.mime];
  if (ext) return { kind: "file", mime: type.mime, ext, bytes };
  throw unsupported(`"${claimedName}" is ${type.mime}; only photos (JPEG, PNG, WebP) and PDF, DOCX or XLSX files are accepted`);
}

async function processImage(bytes: Buffer): Promise<Processed> {
  // limitInputPixels refuses from the header, before decoding: an image bomb costs nothing.
  const input = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
  let meta: Metadata;
  try {
    meta = await input().metadata();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw bomb();
    throw unsupported("the photo cannot be read (damaged or not an image)");
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) throw bomb();
  const takenAt = captureTime(meta.exif);
  try {
    // .rotate() applies the EXIF orientation; sharp writes no metadata unless asked (no withMetadata),
    // so GPS, camera serials and the EXIF block itself are gone from both outputs.
    // One decode of the original (JPEG shrink-on-load makes it a fraction of the pixels); the
    // thumbnail comes from the display copy. libjpeg-turbo, not mozjpeg: 3× faster for ~10% bytes
    // (bench/report/school.ts).
    const display = await input().rotate().resize(DISPLAY_EDGE, DISPLAY_EDGE, { fit: "inside", withoutEnlargement: true }).jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
    const thumb = await sharp(display.data).resize(THUMB_EDGE, THUMB_EDGE, { fit: "cover" }).jpeg({ quality: 70 }).toBuffer();
    return { kind: "image", mime: "image/jpeg", display: display.data, thumb, width: display.info.width, height: display.info.height, takenAt };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw bomb();
    throw unsupported("the photo cannot be read (damaged or not an image)");
  }
}

/**
 * EXIF DateTimeOriginal has no zone: cameras write local time. Use OffsetTimeOriginal when the
 * camera wrote one, otherwise read it as Asia/Ho_Chi_Minh (+07), where the schools are.
 */
function captureTime(exif: Buffer | undefined): Date | null {
  if (!exif) return null;
  try {
    const tags = exifReader(exif);
    const naive = tags.Photo?.DateTimeOriginal ?? tags.Image?.DateTime;
    if (!(naive instanceof Date) || Number.isNaN(naive.getTime())) return null;
    const offset = String(tags.Photo?.OffsetTimeOriginal ?? "+07:00");
    const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
    const minutes = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 420;
    return new Date(naive.getTime() - minutes * 60_000);
  } catch {
    return null;
  }
}
