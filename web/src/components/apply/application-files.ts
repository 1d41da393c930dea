import { reactive, ref } from 'vue';
import type { ApplicationFile } from '../../../../typings';
import { ApiError, callAction, uploadWithGrant } from '../../api/client';
import { MAX_APPLICATION_FILES, fileProblem } from '../../utils/application';
import { errorText } from '../../utils/errors';
import { applyTexts as t } from './texts';

/**
 * The signed form's files while the applicant fills the form in: each picked file is uploaded
 * at once with an upload grant (the applicant has no session), its progress and outcome kept
 * per file; on a resubmission the earlier files are listed as kept until removed.
 */

/** uploading → uploaded or failed; kept: a file of the rejected application, sent again. */
export type FileEntryState = 'uploading' | 'uploaded' | 'failed' | 'kept';

export interface FileEntry {
  key: number;
  name: string;
  size: number;
  state: FileEntryState;
  /** Share of the bytes sent, 0 to 1. */
  progress: number;
  fileId: string | null;
  /** Why the upload failed, for the applicant. */
  error: string;
  /** The picked file, for a retry or a new upload under a new grant; null when kept. */
  file: File | null;
  /** The grant the upload was made with: a submit sends one grant for all new files. */
  grant: string | null;
  abort: AbortController | null;
}

/** What `application.uploadGrant` promises: 20 files within 2 hours. */
const FILES_PER_GRANT = 20;
/** An upload is not started on a grant this close to its end: a phone's 10 MB takes time. */
const UPLOAD_MARGIN_MS = 10 * 60_000;
/** Nor a submit sent with one about to end. */
const SUBMIT_MARGIN_MS = 60_000;

/** One grant at a time, replaced when it runs out of files or time. */
class GrantKeeper {
  private held: { grant: string; endsAt: number; used: number } | null = null;
  private pending: Promise<void> | null = null;

  /** The grant a submit may send: the held one while it lasts, else null. */
  current(): string | null {
    const held = this.held;
    return held && held.endsAt - Date.now() > SUBMIT_MARGIN_MS ? held.grant : null;
  }

  /** A grant for `count` more uploads: the held one with room and time left, else a new one. */
  async take(count: number, { renew = false } = {}): Promise<string> {
    for (;;) {
      const held = this.held;
      const fits =
        held &&
        !renew &&
        held.used + count <= FILES_PER_GRANT &&
        held.endsAt - Date.now() > UPLOAD_MARGIN_MS;
      if (fits) {
        held.used += count;
        return held.grant;
      }
      // Two picks at once share one new grant rather than fetching two.
      if (!this.pending) {
        this.pending = this.fetch().finally(() => {
          this.pending = null;
        });
      }
      // A grant fetched after the call began is new enough, whoever asked for it.
      renew = false;
      await this.pending;
    }
  }

  /** Forgets a grant the server refused, so the next upload asks for a new one. */
  discard(grant: string): void {
    if (this.held?.grant === grant) this.held = null;
  }

  private async fetch(): Promise<void> {
    const { uploadGrant, expiresAt } = await callAction('application.uploadGrant', {});
    this.held = { grant: uploadGrant, endsAt: new Date(expiresAt).getTime(), used: 0 };
  }
}

/**
 * Refusals that mean the grant itself is no good any more: expired or unknown, or its files
 * used up (RATE_LIMITED: the upload's limits count per grant, and a new one starts afresh).
 */
function refusesGrant(failure: unknown): boolean {
  return (
    failure instanceof ApiError &&
    (failure.code === 'UNAUTHENTICATED' ||
      failure.code === 'FORBIDDEN' ||
      failure.code === 'RATE_LIMITED' ||
      failure.field === 'uploadGrant')
  );
}

/** Ready to send, or why not. */
export type PreparedFiles =
  { ok: true; uploadGrant?: string; fileIds: string[] } | { ok: false; reason: string };

export function useApplicationFiles() {
  const entries = ref<FileEntry[]>([]);
  /** Why the last picked file was not taken (type, size, count); cleared by the next pick. */
  const notice = ref('');
  const keeper = new GrantKeeper();
  let nextKey = 1;

  /** Lists a rejected application's files as kept. */
  function keep(files: ApplicationFile[]): void {
    entries.value = files.map((file) =>
      reactive<FileEntry>({
        key: nextKey++,
        name: file.name,
        size: file.size,
        state: 'kept',
        progress: 1,
        fileId: file.fileId,
        error: '',
        file: null,
        grant: null,
        abort: null,
      }),
    );
  }

  /** Takes a picked file and starts its upload, or says in `notice` why it cannot be one. */
  function add(file: File): void {
    notice.value = '';
    if (entries.value.length >= MAX_APPLICATION_FILES) {
      notice.value = t.tooMany;
      return;
    }
    const problem = fileProblem(file);
    if (problem) {
      const say = { badType: t.badType, tooLarge: t.tooLarge, empty: t.emptyFile }[problem];
      notice.value = say(file.name);
      return;
    }
    const entry = reactive<FileEntry>({
      key: nextKey++,
      name: file.name,
      size: file.size,
      state: 'uploading',
      progress: 0,
      fileId: null,
      error: '',
      file,
      grant: null,
      abort: null,
    });
    entries.value.push(entry);
    void upload(entry);
  }

  async function upload(entry: FileEntry, grant?: string): Promise<void> {
    if (!entry.file) return;
    const controller = new AbortController();
    entry.abort?.abort();
    Object.assign(entry, { state: 'uploading', progress: 0, error: '', fileId: null });
    entry.abort = controller;

    let using: string | null = grant ?? null;
    try {
      using ??= await keeper.take(1);
      const { fileId } = await uploadWithGrant(entry.file, using, {
        signal: controller.signal,
        onProgress: (sent) => {
          entry.progress = sent;
        },
      });
      if (controller.signal.aborted) return;
      Object.assign(entry, { state: 'uploaded', progress: 1, fileId, grant: using });
    } catch (failure) {
      // Removed (or started again) meanwhile: this attempt no longer has anyone to tell.
      if (controller.signal.aborted) return;
      if (using && refusesGrant(failure)) keeper.discard(using);
      Object.assign(entry, { state: 'failed', error: errorText(failure) });
    } finally {
      if (entry.abort === controller) entry.abort = null;
    }
  }

  function retry(key: number): void {
    const entry = entries.value.find((item) => item.key === key);
    if (entry) void upload(entry);
  }

  function remove(key: number): void {
    const entry = entries.value.find((item) => item.key === key);
    entry?.abort?.abort();
    entries.value = entries.value.filter((item) => item.key !== key);
    notice.value = '';
  }

  /** After the server refused the grant on submit: the next submit uploads again first. */
  function forgetGrant(): void {
    const grant = keeper.current();
    if (grant) keeper.discard(grant);
  }

  /**
   * The files for a submit, in the order listed: every new one uploaded with the one grant
   * sent. Files of an earlier grant (ended, or used up by files removed since) are uploaded
   * again under a new one first.
   */
  async function prepare(): Promise<PreparedFiles> {
    const all = entries.value;
    if (all.length === 0) return { ok: false, reason: t.filesRequired };
    if (all.some((entry) => entry.state === 'uploading')) {
      return { ok: false, reason: t.filesUploading };
    }
    if (all.some((entry) => entry.state === 'failed')) return { ok: false, reason: t.filesFailed };

    const fileIds = () =>
      entries.value.map((entry) => entry.fileId).filter((id): id is string => id !== null);
    const fresh = all.filter((entry) => entry.file !== null);
    if (fresh.length === 0) return { ok: true, fileIds: fileIds() };

    const held = keeper.current();
    if (held && fresh.every((entry) => entry.grant === held)) {
      return { ok: true, uploadGrant: held, fileIds: fileIds() };
    }
    let grant: string;
    try {
      grant = await keeper.take(fresh.length, { renew: true });
    } catch (failure) {
      return { ok: false, reason: errorText(failure) };
    }
    await Promise.all(fresh.map((entry) => upload(entry, grant)));
    if (fresh.some((entry) => entry.state !== 'uploaded')) {
      return { ok: false, reason: t.filesFailed };
    }
    return { ok: true, uploadGrant: grant, fileIds: fileIds() };
  }

  return { entries, notice, keep, add, retry, remove, prepare, forgetGrant };
}

export type ApplicationFiles = ReturnType<typeof useApplicationFiles>;
