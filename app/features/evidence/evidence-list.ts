/**
 * The board's evidence list as this tab has it: the server's list, plus what this tab added or
 * removed since that list was asked for. A refresh that left before an upload finished would
 * otherwise answer with a list without the new photo, and the photo would vanish from the card
 * until the next refresh (the file is stored; only the list was stale).
 */
export type LocalChange<E extends { id: string }> = { seq: number } & ({ kind: "added"; evidence: E } | { kind: "removed"; id: string });

export class EvidenceLog<E extends { id: string }> {
  private seq = 0;
  private changes: LocalChange<E>[] = [];

  /** Where the log stands: pass it to `reconcile` with the answer of a request sent now. */
  mark(): number {
    return this.seq;
  }

  added(evidence: E) {
    this.push({ seq: ++this.seq, kind: "added", evidence });
  }

  removed(id: string) {
    this.push({ seq: ++this.seq, kind: "removed", id });
  }

  /** The server's list (asked for at `since`) with this tab's later changes applied, in order. */
  reconcile(server: E[], since: number): E[] {
    let list = server;
    for (const c of this.changes) {
      if (c.seq <= since) continue;
      if (c.kind === "added") list = [...list.filter((e) => e.id !== c.evidence.id), c.evidence];
      else list = list.filter((e) => e.id !== c.id);
    }
    return list;
  }

  private push(change: LocalChange<E>) {
    this.changes.push(change);
    // A request is answered in seconds; a few hundred changes back is more than any can need.
    if (this.changes.length > 500) this.changes.splice(0, this.changes.length - 500);
  }
}
