import * as Y from "yjs";
import { fromBase64 } from "lib0/buffer";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as authProtocol from "y-protocols/auth";
import { IndexeddbPersistence } from "y-indexeddb";
import { messageAuth, messageSync, WebsocketProvider } from "y-websocket";
import { CAMPAIGN_CLOSED, readBoard, type Board } from "~/domain";
import { peersFrom, type Peer, type PresenceUser } from "./presence-logic";
import { MESSAGE_UPDATE_REJECTED, readRejection, type Rejection } from "./reject-message";
import { initialSyncState, syncReducer, type SyncEvent, type SyncState } from "./sync-state";

// The browser side of a live board: one Y.Doc, restored from the server's
// state (the same bytes the page was rendered from), kept in IndexedDB so
// offline edits survive a reload, and synced through a stock y-websocket
// provider with /collab. Browser-only: the route imports it inside an effect.

export type SessionSnapshot = {
  board: Board;
  sync: SyncState;
  peers: Peer[];
  /** The server refused our changes: local state is being replaced by the server's. */
  resetting: boolean;
  /** The server ended the connection for good (e.g. signed out); no more reconnects. */
  closed: { code: number; reason: string } | null;
  /** The district closed the campaign while the board was open: read-only from now on. */
  frozen: boolean;
};

export type SessionOptions = {
  boardId: string;
  state: string;
  board: Board;
  readOnly: boolean;
  user: PresenceUser;
  onRejected: (rejection: Rejection) => void;
  onDenied: (reason: string) => void;
};

type Attached = { doc: Y.Doc; provider: WebsocketProvider; persistence: IndexeddbPersistence | null; detach: () => void };

// A stalled socket (open, but the server silent) must show within about five seconds. The server
// answers every sync request (y-protocols sync step 1) with a step 2, in order, on the same socket:
// one every PING_MS is both the heartbeat and the acknowledgement of the edits sent before it.
const PING_MS = 1500;
const STALL_MS = 4000;
const CHECK_MS = 500;

export class BoardSession {
  private attached!: Attached;
  private snapshot: SessionSnapshot;
  private listeners = new Set<(s: SessionSnapshot) => void>();
  private editingCardId: string | null = null;
  private destroyed = false;
  private scheduled = false;

  constructor(private readonly opts: SessionOptions) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(opts.state));
    this.snapshot = {
      board: opts.board,
      sync: { ...initialSyncState(this.readPending()), online: navigator.onLine },
      peers: [],
      resetting: false,
      closed: null,
      frozen: false,
    };
    this.attach(doc);
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
  }

  get doc(): Y.Doc {
    return this.attached.doc;
  }

  getSnapshot = () => this.snapshot;

  subscribe(listener: (s: SessionSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs a domain mutation on the live document; refused while the document is being replaced. */
  mutate(fn: (doc: Y.Doc) => void): boolean {
    if (this.opts.readOnly || this.snapshot.frozen || this.snapshot.resetting || this.destroyed) return false;
    fn(this.attached.doc);
    return true;
  }

  /** Tells the others which card this tab has open (the "editing" marker). */
  setEditing(cardId: string | null) {
    this.editingCardId = this.opts.readOnly ? null : cardId;
    this.attached.provider.awareness.setLocalStateField("editingCardId", this.editingCardId);
  }

  destroy() {
    this.destroyed = true;
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
    this.attached.detach();
    this.attached.doc.destroy();
    this.listeners.clear();
  }

  private attach(doc: Y.Doc) {
    const { boardId, readOnly, user } = this.opts;
    const wsOrigin = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
    // No BroadcastChannel between tabs: every tab talks to the server, which validates every change.
    const provider = new WebsocketProvider(`${wsOrigin}/collab`, boardId, doc, { connect: false, disableBc: true });
    provider.messageHandlers[MESSAGE_UPDATE_REJECTED] = (_encoder, decoder) => {
      const rejection = readRejection(decoder);
      // After the handler returns the provider still answers the server's resync; replace it after that.
      queueMicrotask(() => void this.reset(rejection));
    };
    provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
        if (reason === CAMPAIGN_CLOSED) this.update({ frozen: true });
        else if (!readOnly) this.opts.onDenied(reason);
      });
    };
    provider.awareness.setLocalState({ user, editingCardId: this.editingCardId });
    const heartbeat = this.heartbeat(provider);

    // Readers never edit, so they keep nothing offline; a writer's store is per person and board,
    // so a shared school computer never sends one teacher's offline edits under another's name.
    const persistence = readOnly ? null : new IndexeddbPersistence(`campaign-board:${user.id}:${boardId}`, doc);

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === null || origin === undefined) this.dispatch({ type: "local-change" });
      this.scheduleBoard();
    };
    const onStatus = ({ status }: { status: "connected" | "disconnected" | "connecting" }) => {
      if (status === "connected") heartbeat.opened();
      this.dispatch({ type: "status", status });
    };
    const onSync = (synced: boolean) => this.dispatch({ type: "synced", synced });
    // y-websocket reports "disconnected" only for a socket that had opened; a server that cannot
    // be reached at all shows up as closes of sockets that never opened.
    const onSocketClosed = () => this.dispatch({ type: "status", status: "disconnected" });
    const onClosed = (event: { code: number; reason: string }) => this.update({ closed: event });
    const onAwareness = () => this.update({ peers: peersFrom(provider.awareness.getStates()) });
    doc.on("update", onUpdate);
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("connection-close", onSocketClosed);
    provider.on("closed", onClosed);
    provider.awareness.on("change", onAwareness);

    this.attached = {
      doc,
      provider,
      persistence,
      detach: () => {
        heartbeat.stop();
        doc.off("update", onUpdate);
        provider.awareness.off("change", onAwareness);
        provider.destroy();
        void persistence?.destroy();
      },
    };
    this.update({ peers: peersFrom(provider.awareness.getStates()) });

    // Offline edits from IndexedDB go in before we connect, so the first sync carries them.
    // A browser without IndexedDB (some private modes) must still connect.
    const loaded = persistence ? Promise.race([persistence.whenSynced, new Promise((r) => setTimeout(r, 3000))]) : Promise.resolve();
    void loaded.then(() => {
      if (this.attached.provider === provider && !this.destroyed && navigator.onLine) provider.connect();
    });
  }

  /**
   * Every message from the server counts as a sign of life; sync step 2 answers, which come in the
   * order our step 1 requests went out, confirm the local changes made before each request.
   */
  private heartbeat(provider: WebsocketProvider) {
    let lastHeard = Date.now();
    // The `changes` count at each unanswered request, oldest first. The provider's own request at
    // open is answered before the server has our offline edits (they go out as our reply to its
    // request), so that one confirms nothing new.
    let asked: number[] = [];
    // Our reply to the server's own sync request (sent when the socket opens) is what carries the
    // edits the server lacks. Until it has gone out on this socket, an answer confirms nothing:
    // a socket whose greeting was lost (a proxy dropping frames) would otherwise report edits as
    // sent that never were. A socket that never greets us counts as stalled.
    let greeted = false;
    let openedAt = Date.now();
    const heard = () => {
      lastHeard = Date.now();
      if (this.snapshot.sync.stalled) this.dispatch({ type: "heard" });
    };
    for (const [type, handler] of provider.messageHandlers.entries()) {
      if (!handler) continue;
      provider.messageHandlers[type] = (encoder, decoder, p, emitSynced, messageType) => {
        heard();
        const step = type === messageSync ? decoding.peekVarUint(decoder) : -1;
        if (step === syncProtocol.messageYjsSyncStep2) {
          const upTo = asked.shift();
          if (upTo !== undefined) this.dispatch({ type: "confirmed", upTo });
        }
        handler(encoder, decoder, p, emitSynced, messageType);
        // The provider sends the reply this handler wrote once it returns, before any later ping.
        if (step === syncProtocol.messageYjsSyncStep1) greeted = true;
      };
    }
    const ping = () => {
      const ws = provider.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, provider.doc);
      asked.push(greeted ? this.snapshot.sync.changes : this.snapshot.sync.confirmed);
      ws.send(encoding.toUint8Array(encoder));
    };
    let lastPing = 0;
    const timer = setInterval(() => {
      if (!provider.wsconnected) return;
      const now = Date.now();
      if (now - lastHeard > STALL_MS || (!greeted && now - openedAt > STALL_MS)) {
        if (!this.snapshot.sync.stalled) this.dispatch({ type: "stalled" });
        // Drop the silent socket: the provider reconnects, and the badge stays "stalled" until the server speaks.
        lastHeard = Date.now();
        provider.ws?.close();
        return;
      }
      if (now - lastPing >= PING_MS) {
        lastPing = now;
        ping();
      }
    }, CHECK_MS);
    return {
      opened: () => {
        lastHeard = openedAt = Date.now();
        greeted = false;
        asked = [this.snapshot.sync.confirmed];
      },
      stop: () => clearInterval(timer),
    };
  }

  /**
   * The server refused an update. Yjs cannot take a change back, and every
   * later local change builds on the refused one, so this replica would be
   * refused forever: drop it (and its offline copy) and start again from the
   * server's state. The board on screen stays as it was until that arrives.
   */
  private async reset(rejection: Rejection) {
    if (this.snapshot.resetting || this.destroyed) return;
    this.opts.onRejected(rejection);
    this.update({ resetting: true });
    const old = this.attached;
    old.detach();
    await old.persistence?.clearData().catch(() => undefined);
    old.doc.destroy();
    this.writePending(0);
    this.update({ sync: { ...this.snapshot.sync, pending: 0, synced: false, connection: "connecting" } });
    if (this.destroyed) return;
    const fresh = new Y.Doc();
    const done = (synced: boolean) => {
      if (!synced) return;
      this.attached.provider.off("sync", done);
      this.update({ resetting: false });
      this.scheduleBoard();
    };
    this.attach(fresh);
    this.attached.provider.on("sync", done);
  }

  private onOnline = () => {
    this.dispatch({ type: "online", online: true });
    if (!this.snapshot.closed) this.attached.provider.connect();
  };

  // Phones drop the socket silently; the browser's own signal is quicker than a timeout.
  private onOffline = () => {
    this.dispatch({ type: "online", online: false });
    this.attached.provider.disconnect();
  };

  private dispatch(event: SyncEvent) {
    const sync = syncReducer(this.snapshot.sync, event);
    if (sync === this.snapshot.sync) return;
    if (sync.pending !== this.snapshot.sync.pending) this.writePending(sync.pending);
    this.update({ sync });
  }

  // Many transactions arrive at once (IndexedDB load, a sync): decode the board once for all of them.
  private scheduleBoard() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.destroyed || this.snapshot.resetting) return;
      const read = readBoard(this.attached.doc);
      // The server validates every change, so an unreadable replica is a bug: keep showing the last good board.
      if (read.ok) this.update({ board: read.board });
      else console.error("board replica cannot be read", read.error);
    });
  }

  private update(patch: Partial<SessionSnapshot>) {
    if (this.destroyed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener(this.snapshot);
  }

  // The pending count survives a reload, like the edits it counts.
  private pendingKey = () => `campaign-board:pending:${this.opts.user.id}:${this.opts.boardId}`;

  private readPending(): number {
    try {
      const n = Number(localStorage.getItem(this.pendingKey()) ?? 0);
      return Number.isInteger(n) && n > 0 ? n : 0;
    } catch {
      return 0;
    }
  }

  private writePending(n: number) {
    try {
      if (n > 0) localStorage.setItem(this.pendingKey(), String(n));
      else localStorage.removeItem(this.pendingKey());
    } catch {
      // Storage full or blocked: the count is only shown, never relied on.
    }
  }
}
