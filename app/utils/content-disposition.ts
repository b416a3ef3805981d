/**
 * A Content-Disposition with an ASCII fallback name plus the UTF-8 name (RFC 6266 / 5987): never
 * breaks the header. The fallback keeps only letters, digits and `._-() ` so that no parser, even a
 * naive one, can read a second parameter (`filename*=…`) or a quote out of a file's name.
 */
export function contentDisposition(kind: "inline" | "attachment", name: string) {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9._() -]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
