import type { Block, ReportDocument } from "~/domain/report-doc";

// The report as a page: the same document model the DOCX and PDF render, laid out like the paper.

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case "heading":
      return block.level === 1 ? <h3 className="doc-h1">{block.text}</h3> : block.level === 2 ? <h4 className="doc-h2">{block.text}</h4> : <p className="doc-h3">{block.text}</p>;
    case "paragraph":
    case "bullet":
      return (
        <p className={block.type === "bullet" || block.indent ? "doc-p doc-indent" : "doc-p"}>
          {block.type === "bullet" ? "- " : null}
          {block.runs.map((r, i) => (
            <span key={i} className={`${r.bold ? "doc-b" : ""} ${r.italic ? "doc-i" : ""}`}>
              {r.text}
            </span>
          ))}
        </p>
      );
    case "table":
      return (
        <div className="doc-table-wrap">
          <table className="doc-table">
            <thead>
              <tr>
                {block.columns.map((c) => (
                  <th key={c.title} style={{ width: `${c.width * 100}%` }}>
                    {c.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j} className={block.columns[j]?.align === "center" ? "doc-c" : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
              {block.total ? (
                <tr className="doc-b">
                  {block.total.map((cell, j) => (
                    <td key={j} className={block.columns[j]?.align === "center" ? "doc-c" : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      );
  }
}

export function DocumentView({ doc, photoUrl }: { doc: ReportDocument; photoUrl: (evidenceId: string) => string }) {
  return (
    <article className="doc-page" data-testid="report-document" lang="vi">
      <div className="doc-header">
        <div className="doc-left">
          <p>{doc.parentBody}</p>
          <p className="doc-b doc-rule-short">{doc.issuingBody}</p>
          <p>{doc.numberLine}</p>
        </div>
        <div className="doc-right">
          <p className="doc-b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p className="doc-b doc-rule-full">Độc lập - Tự do - Hạnh phúc</p>
          <p className="doc-i">{doc.placeDate}</p>
        </div>
      </div>
      <p className="doc-type doc-b">{doc.type}</p>
      <p className="doc-summary doc-b doc-rule-short">{doc.summary}</p>
      {doc.recipients.length ? <p className="doc-recipients">Kính gửi: {doc.recipients.length === 1 ? doc.recipients[0] : doc.recipients.map((r) => `- ${r}`).join(" ")}</p> : null}
      {doc.body.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
      <p className="doc-p doc-indent">{doc.closing}</p>
      <div className="doc-footer">
        <div>
          <p className="doc-b doc-i doc-small">Nơi nhận:</p>
          {doc.distribution.map((d, i) => (
            <p key={i} className="doc-xsmall">
              - {d}
              {i === doc.distribution.length - 1 ? "." : ";"}
            </p>
          ))}
        </div>
        <div className="doc-sign">
          {doc.signerCapacity.map((c) => (
            <p key={c} className="doc-b">
              {c}
            </p>
          ))}
          <p className="doc-sign-space" />
          <p className="doc-b">{doc.signerName}</p>
        </div>
      </div>
      {doc.appendix ? (
        <section className="doc-appendix">
          <p className="doc-type doc-b">{doc.appendix.title}</p>
          {doc.appendix.photos.map((p) => (
            <figure key={p.evidenceId}>
              <img src={photoUrl(p.evidenceId)} alt={p.caption} loading="lazy" />
              <figcaption className="doc-i">{p.caption}</figcaption>
            </figure>
          ))}
        </section>
      ) : null}
    </article>
  );
}
