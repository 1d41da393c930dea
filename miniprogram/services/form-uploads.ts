import { errorText } from '../utils/error-text';
import { rowPatch } from '../utils/rows';
import { uploadStateText, type UploadRow, type UploadTexts } from '../utils/upload-rows';
import { askFileSource, chooseFiles, type ChosenFile, type FileSource } from './file-choice';
import { noFormError, showFormError, type FormData } from './form-submit';
import type { PageView } from './page-view';
import { followSessionError } from './session-flow';
import { uploadFile } from './upload';

/** A form whose files are rows under `K` of its data; their errors show on the field `K`. */
type UploadFormView<K extends string, R extends UploadRow> = PageView<
  FormData & Record<K, readonly R[]>
>;

export interface AddUploadsOptions<K extends string, R extends UploadRow> {
  /** The rows' list in the page's data (`pictures`), also the field its errors show on. */
  list: K;
  max: number;
  /** Said when the form already has `max`. */
  tooMany: string;
  /** The action sheet's rows and their words, as askFileSource takes them. */
  sources?: readonly FileSource[];
  labels?: Partial<Record<FileSource, string>>;
  /** What a chat may hand in, as chooseFiles takes it. */
  extensions?: readonly string[];
  /** Why the files chosen are refused before uploading (too large), or null. */
  refuse(files: readonly ChosenFile[]): string | null;
  /** A row's own fields (its thumbnail, its name). */
  rowOf(file: ChosenFile): Omit<R, keyof UploadRow>;
  texts: UploadTexts;
}

/** Tells rows apart; a row removed while uploading ignores its upload's result. */
let rowSequence = 0;

/**
 * 添加图片 / 添加附件: the action sheet, the picker for as many as there is room for, then a
 * row for each file, which uploads at once with its own bar. Closing the sheet or the picker
 * says nothing; a refusal shows on the list's field.
 */
export async function addUploads<K extends string, R extends UploadRow>(
  view: UploadFormView<K, R>,
  options: AddUploadsOptions<K, R>,
): Promise<void> {
  const { list } = options;
  if (view.data.submitting) return;
  const room = options.max - view.data[list].length;
  if (room <= 0) {
    showFormError(view, list, options.tooMany);
    return;
  }

  const source = await askFileSource(options.sources, options.labels);
  if (!source) return;
  const choice = await chooseFiles(source, room, options.extensions);
  if (choice.kind === 'cancelled') return;
  if (choice.kind === 'refused') {
    showFormError(view, list, choice.message);
    return;
  }
  const refusal = options.refuse(choice.files);
  if (refusal) {
    showFormError(view, list, refusal);
    return;
  }
  view.setData(noFormError());
  choice.files.slice(0, room).forEach((file) => startUpload(view, options, file));
}

function startUpload<K extends string, R extends UploadRow>(
  view: UploadFormView<K, R>,
  { list, rowOf, texts }: AddUploadsOptions<K, R>,
  file: ChosenFile,
): void {
  const key = `u${++rowSequence}`;
  const stateText = uploadStateText(texts, 'uploading', 0);
  const row = { ...rowOf(file), key, percent: 0, state: 'uploading', stateText, fileId: '' } as R;
  view.setData({ [list]: [...view.data[list], row] });
  const update = (change: Partial<UploadRow>) => {
    const patch = rowPatch(view.data[list], list, key, change);
    if (patch) view.setData(patch);
  };

  uploadFile(file.filePath, (percent) => {
    const current = view.data[list].find((item) => item.key === key);
    // Only whole-percent changes reach the view: setData is not free.
    const whole = Math.min(100, Math.max(0, Math.round(percent)));
    if (current?.state === 'uploading' && whole !== current.percent) {
      update({ percent: whole, stateText: uploadStateText(texts, 'uploading', whole) });
    }
  }).then(
    (fileId) => {
      const done = { fileId, percent: 100, state: 'done' as const };
      update({ ...done, stateText: uploadStateText(texts, 'done', 100) });
    },
    (error: unknown) => {
      if (followSessionError(error)) return;
      update({ state: 'failed', stateText: uploadStateText(texts, 'failed', 0) });
      showFormError(view, list, errorText(error));
    },
  );
}

/** 移除: the row goes (its upload, if still running, is ignored), and so does the error. */
export function removeUpload<K extends string, R extends UploadRow>(
  view: UploadFormView<K, R>,
  list: K,
  key: string,
): void {
  view.setData({ [list]: view.data[list].filter((row) => row.key !== key), ...noFormError() });
}
