// The file system of editable live resources (appmesh-live:): the first read of a file describes
// the resource and renders it in the API's shape with a header naming the version it was read at
// (kept here too: the save's precondition); writing a file is a save, handed to the edit pipeline
// (liveEditSave.ts). A file is read-only, and its header says why, while the session refuses writes.
//
// A file's text and stat change only when this side learns a new live version: after a save that
// wrote (the read-back), and after a save aborted because the resource moved (what is live now).
// Never while VS Code reads, so its stat always matches the text it holds. After a write, VS Code
// records the file's stat right after writeFile returns, so the read-back is published only once
// that stat has been answered (still as before the write); then a change event makes VS Code read
// the file again, and the later mtime tells it the text changed. After an abort the user's text
// stays dirty; Revert shows what is live, and a Save then meets VS Code's "newer on disk" choice.
import * as vscode from "vscode";
import type { ResourceDetail } from "../../aws/appMeshAccess";
import { liveLayer } from "../lazyBundles";
import type { Session } from "../session";
import { liveEditAddress, type LiveEditAddress } from "./liveEditUri";

/**
 * What a save did: a write (with the read-back, when it could be read), nothing to write, or
 * nothing written and why (with what is live now, when the plan read it).
 */
export type SaveResult = { written: true; live?: ResourceDetail } | { written: false; refused?: string; live?: ResourceDetail };

/** Runs a save through the edit pipeline. */
export type SaveEdit = (address: LiveEditAddress, openedVersion: number, text: string, uri: vscode.Uri) => Promise<SaveResult>;

interface Entry {
  address: LiveEditAddress;
  detail: ResourceDetail;
  content: Uint8Array;
  ctime: number;
  mtime: number;
  /** A write's read-back waiting for VS Code's stat after the write (see the top of this file). */
  pending?: { live?: ResourceDetail; timer: NodeJS.Timeout; statSeen: boolean };
}

/** How long a refresh waits for VS Code's stat after a write before it is published anyway. */
const REFRESH_FALLBACK_MS = 1000;

export class LiveEditFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly entries = new Map<string, Entry>();
  /** Why each document is being saved (onWillSaveTextDocument), until its writeFile takes it. */
  private readonly saveReasons = new Map<string, vscode.TextDocumentSaveReason>();
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly session: Session,
    private readonly save: SaveEdit,
  ) {}

  /** Notes why a document is about to be saved: only an explicit save writes to the mesh. */
  willSave(uri: vscode.Uri, reason: vscode.TextDocumentSaveReason): void {
    this.saveReasons.set(uri.toString(), reason);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const entry = await this.entry(uri);
    if (entry.pending && !entry.pending.statSeen) {
      // VS Code's stat right after the write: answered as before the write, then the refresh.
      entry.pending.statSeen = true;
      setTimeout(() => void this.publishPending(uri), 0);
    }
    const blocked = this.session.writeBlocker();
    return { type: vscode.FileType.File, ctime: entry.ctime, mtime: entry.mtime, size: entry.content.byteLength, ...(blocked ? { permissions: vscode.FilePermission.Readonly } : {}) };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.entry(uri)).content;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const key = uri.toString();
    const entry = this.entries.get(key);
    if (!entry) throw vscode.FileSystemError.Unavailable(`${uri.path}: open the resource again (Edit Live Resource) before saving; nothing was written.`);
    const blocked = this.session.writeBlocker();
    if (blocked) throw vscode.FileSystemError.NoPermissions(`${blocked} Nothing was written.`);
    const reason = this.saveReasons.get(key);
    this.saveReasons.delete(key);
    if (reason !== undefined && reason !== vscode.TextDocumentSaveReason.Manual) {
      // Auto-save would put a confirmation (or a refusal of a half-typed edit) up every few seconds.
      throw vscode.FileSystemError.Unavailable("A live resource is written only by an explicit Save (auto-save skips it); nothing was written.");
    }
    const result = await this.save(entry.address, entry.detail.version, this.decoder.decode(content), uri);
    if (result.written) {
      clearTimeout(entry.pending?.timer);
      entry.pending = { live: result.live, timer: setTimeout(() => void this.publishPending(uri), REFRESH_FALLBACK_MS), statSeen: false };
      return;
    }
    if (result.refused === undefined) return; // nothing to write: saved as it is
    // The plan read a newer version (the resource moved): Revert now shows it.
    if (result.live && result.live.version !== entry.detail.version) {
      this.store(uri, entry.address, result.live);
      this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    }
    throw vscode.FileSystemError.Unavailable(result.refused);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(`${uri.path}: live resources are deleted from the Meshes view (Delete), not here.`);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(`${uri.path}: a live resource cannot be renamed.`);
  }

  /** Forgets a document's state (it was closed, or is opened anew): the next read describes it again. */
  forget(uri: vscode.Uri): void {
    const entry = this.entries.get(uri.toString());
    if (entry?.pending) return; // a refresh is on its way
    this.entries.delete(uri.toString());
    this.saveReasons.delete(uri.toString());
  }

  private async entry(uri: vscode.Uri): Promise<Entry> {
    const known = this.entries.get(uri.toString());
    if (known) return known;
    const address = liveEditAddress(uri);
    return this.store(uri, address, await this.describe(uri, address));
  }

  /** The resource described now (a read of its own, not the cache). */
  private async describe(uri: vscode.Uri, address: LiveEditAddress): Promise<ResourceDetail> {
    try {
      return await this.session.connection(address.region).access.describe({ kind: address.kind, meshName: address.meshName, parentName: address.parentName, name: address.name }, { fresh: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if ((error as { kind?: unknown })?.kind === "not-found") throw vscode.FileSystemError.FileNotFound(`${uri.path}: ${message}`);
      throw vscode.FileSystemError.Unavailable(`${uri.path}: ${message}`);
    }
  }

  /** Renders a version of the resource as the file's text, with a later mtime when the text changed. */
  private store(uri: vscode.Uri, address: LiveEditAddress, detail: ResourceDetail): Entry {
    const content = this.encoder.encode(liveLayer().liveEditText(detail, this.session.writeBlocker(), address.view));
    const known = this.entries.get(uri.toString());
    const now = Date.now();
    const same = known !== undefined && sameBytes(known.content, content);
    const entry: Entry = {
      address,
      detail,
      content,
      ctime: known?.ctime ?? now,
      mtime: known && same ? known.mtime : Math.max(now, (known?.mtime ?? 0) + 1),
      pending: known?.pending,
    };
    this.entries.set(uri.toString(), entry);
    return entry;
  }

  private async publishPending(uri: vscode.Uri): Promise<void> {
    const entry = this.entries.get(uri.toString());
    const pending = entry?.pending;
    if (!entry || !pending) return;
    clearTimeout(pending.timer);
    entry.pending = undefined;
    let live = pending.live;
    if (!live) {
      // Written but not read back: read it now.
      try {
        live = await this.describe(uri, entry.address);
      } catch (error) {
        this.session.log.warn(`Edit Live Resource: ${uri.path} could not be read after the write: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
    this.store(uri, entry.address, live);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  dispose(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.pending?.timer);
    this.changed.dispose();
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
