import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { Logger } from "pino";
import { CAMPAIGN_CLOSED, readBoard, ticksNeedingEvidence, type Board } from "../../app/domain";
import { extensionRefusal, runHooks, type Actor, type CollabExtension, type Refusal } from "./hooks";
import { send, type Connection } from "./connection";
import { TokenBucket, type Limits } from "./limits";
import type { BoardStore, LogTail } from "./persistence";
import { updateMessage } from "./protocol";
import type { UpdateShape } from "./update-shape";
import { Presence } from "./presence";
import { ShadowValidator } from "./validation";

export interface RoomKey {
  id: string;
  campaignId: string;
  schoolId: string;
  districtId: string;
}

export const FROZEN: Refusal = { code: CAMPAIGN_CLOSED, message: "this campaign is closed: its boards can no longer change" };

export type SubmitResult = { ok: true; changed: boolean } | ({ ok: false } & Refusal);

export interface RoomDeps {
  store: BoardStore;
  limits: Limits;
  /** The ids of a school's members (assignees must be among them). */
  members: (schoolId: string) => Promise<Set<string>>;
  extensions: readonly CollabExtension[];
  log: Logger;
  /** Of these items (ticked by an update, marked "needs evidence"), the ones with none attached. */
  missingEvidence?: (boardId: string, itemIds: string[]) => Promise<string[]>;
}

/**
 * One live board: its Y.Doc, presence and a write queue. Every write, from any source, goes through
 * `submit`: validate on the shadow replica → append to the durable log → apply (which broadcasts
 * through doc 'update') → `onAccepted` of the extensions.
 */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  board: Board;
  lastUpdateId: number;
  /** Updates appended since the last compaction. */
  logLength: number;
  lastActivity = Date.now();
  /** Set once the room is dropped from memory; late upgrades must not join it. */
  unloaded = false;
  /** The board's campaign is closed: nothing is written, every connection is read-only (campaign-freeze.ts). */
  frozen = false;
  readonly connections = new Set<Connection>();
  readonly presence: Presence;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly validator: ShadowValidator;
  private members: Set<string> = new Set();
  /** Growth budget of the log, per author (see LIMITS.logBurstBytes). */
  private logBudgets = new Map<string, TokenBucket>();

  constructor(
    readonly key: RoomKey,
    readonly doc: Y.Doc,
    loaded: { lastUpdateId: number; logLength: number },
    private readonly deps: RoomDeps,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.presence = new Presence(this, deps.extensions, deps.log);
    const decoded = readBoard(doc);
    if (!decoded.ok) throw new Error(`board ${key.id} cannot be read: ${decoded.error}`);
    this.board = decoded.board;
    this.lastUpdateId = loaded.lastUpdateId;
    this.logLength = loaded.logLength;
    this.validator = new ShadowValidator(doc, deps.limits);
  }

  /** Reads the school's members again (at load, and when an update names someone unknown). */
  async loadMembers() {
    this.members = await this.deps.members(this.key.schoolId);
  }

  /** Runs `fn` after every write queued before it: one writer per room, in arrival order. */
  enqueue<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Validates, appends, applies, tells the extensions. Call inside `enqueue`. Validation and the
   * append run in the board's exclusive section (BoardStore.edit), after catching up with
   * what other instances appended (ADR 031); the live document, the broadcast and the hooks
   * follow the commit, so nothing unstored is ever shown or published.
   */
  async submit(update: Uint8Array, actor: Actor, origin: Connection | null, shape?: UpdateShape): Promise<SubmitResult> {
    this.lastActivity = Date.now();
    // A closed campaign's board: the one write path refuses before anything is tried or stored.
    if (this.frozen) return { ok: false, ...FROZEN };
    type Accepted = { kind: "accepted"; updateId: number; prevId: number; before: Board; after: Board; update: Uint8Array; stamp: Uint8Array | null };
    type Outcome = { kind: "refused"; refusal: Refusal } | { kind: "unchanged" } | Accepted;
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = await this.deps.store.edit(this.key.id, async (tx): Promise<Outcome> => {
        if (this.deps.store.coordinate) this.catchUp(await tx.tail(this.lastUpdateId));
        const before = this.board;
        const attempt = () =>
          this.validator.try(update, before, actor, {
            shape,
            members: this.members,
            extra: (after) => extensionRefusal(this.deps.extensions, { room: this, before, after, actor }),
          });
        let verdict = attempt();
        if (!verdict.ok && verdict.code === "unknown_assignee") {
          // Someone may have joined the school since the room loaded: ask once more before refusing.
          await this.loadMembers();
          verdict = attempt();
        }
        if (verdict.ok && verdict.changed && !actor.trusted && !this.logBudget(actor).take(verdict.update.length)) {
          this.validator.rebuild();
          verdict = { ok: false, code: "log_budget_exceeded", message: "too much written to this board in a short time; try again later" };
        }
        if (verdict.ok && verdict.changed && !actor.trusted && this.deps.missingEvidence) {
          // "Cần minh chứng": an item the district marked cannot be ticked until a photo or file is attached.
          const ticked = ticksNeedingEvidence(before, verdict.board);
          const missing = ticked.length ? await this.deps.missingEvidence(this.key.id, ticked) : [];
          if (missing.length) {
            this.validator.rebuild();
            verdict = { ok: false, code: "evidence_required", message: `attach evidence before ticking: ${missing.join(", ")}` };
          }
        }
        if (!verdict.ok) return { kind: "refused", refusal: { code: verdict.code, message: verdict.message } };
        if (!verdict.changed) return { kind: "unchanged" };
        const prevId = this.lastUpdateId;
        const updateId = await tx.append(verdict.update, actor.userId);
        return { kind: "accepted", updateId, prevId, before, after: verdict.board, update: verdict.update, stamp: verdict.stamp };
      });
    } catch (error) {
      // Not stored (the database refused or is unreachable): the replica must forget the update.
      this.validator.rebuild();
      throw error;
    }
    if (outcome.kind === "refused") {
      runHooks(this.deps.extensions, "onRefused", { room: this, actor, refusal: outcome.refusal, origin }, this.deps.log);
      return { ok: false, ...outcome.refusal };
    }
    if (outcome.kind === "unchanged") return { ok: true, changed: false };
    const { updateId, prevId, before, after } = outcome;
    const appendMs = performance.now() - started;
    this.lastUpdateId = updateId;
    Y.applyUpdate(this.doc, outcome.update, origin);
    // The sender lacks only the server's stamp; everyone else got the whole update from the broadcast.
    if (origin && outcome.stamp) send(origin, updateMessage(outcome.stamp));
    this.board = after;
    this.logLength++;
    runHooks(
      this.deps.extensions,
      "onAccepted",
      { room: this, update: outcome.update, updateId, prevId, appendMs, before, after, actor, origin },
      this.deps.log,
    );
    return { ok: true, changed: true };
  }

  /**
   * Applies what the log holds beyond this room's state (appended by other instances), broadcasting
   * it to this room's sockets. Call inside `enqueue`. Returns how many log entries were new.
   */
  catchUp(tail: LogTail): number {
    let applied = 0;
    if (tail.snapshot && tail.snapshot.upToId > this.lastUpdateId) {
      // Another instance compacted past our state: its snapshot holds what we miss (applying is idempotent).
      this.applyDurable(tail.snapshot.state, tail.snapshot.upToId);
      applied++;
    }
    for (const row of tail.rows) if (this.applyDurable(row.data, row.id)) applied++;
    return applied;
  }

  private logBudget(actor: Actor): TokenBucket {
    const key = actor.userId ?? "system";
    let bucket = this.logBudgets.get(key);
    if (!bucket) this.logBudgets.set(key, (bucket = new TokenBucket(this.deps.limits.logBurstBytes, this.deps.limits.logBytesPerSecond)));
    return bucket;
  }

  /**
   * Applies an update another instance has already validated and appended (id `updateId`), and
   * broadcasts it. Call inside `enqueue`.
   */
  applyDurable(update: Uint8Array, updateId: number) {
    if (updateId <= this.lastUpdateId) return false;
    Y.applyUpdate(this.doc, update, null);
    this.validator.follow(update);
    const decoded = readBoard(this.doc);
    if (decoded.ok) this.board = decoded.board;
    this.lastUpdateId = updateId;
    this.lastActivity = Date.now();
    return true;
  }

  destroy() {
    this.validator.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
