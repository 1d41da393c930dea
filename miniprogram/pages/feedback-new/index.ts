import { fill, zhCN } from '../../locales/zh-CN';
import { isApiError } from '../../services/api-error';
import { submitFeedback } from '../../services/feedback';
import { askFileSource, chooseFiles, type ChosenFile } from '../../services/file-choice';
import { goBackTo } from '../../services/navigation';
import { randomHex } from '../../services/random';
import { followSessionError } from '../../services/session-flow';
import { uploadFile } from '../../services/upload';
import { errorText } from '../../utils/error-text';
import {
  feedbackFieldOf,
  feedbackProblem,
  MAX_CONTACT,
  MAX_PICTURE_BYTES,
  MAX_PICTURES,
  MAX_TEXT,
  pictureStateText,
  textLength,
  uploadedPictureIds,
  type FeedbackField,
  type PictureRow,
} from '../../utils/feedback-view';
import { rowPatch } from '../../utils/rows';

type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type KeyEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { key: string }
>;

const t = zhCN.feedback;

/** 16 random bytes: the requestId of one suggestion (the backend takes 8-64 characters). */
const REQUEST_ID_BYTES = 16;
/** Pictures, never a PDF: the action sheet offers the album and the camera only. */
const PICTURE_SOURCES = ['album', 'camera'] as const;

/** Tells picture rows apart; a row removed while uploading ignores its upload's result. */
let pictureSequence = 0;

/**
 * 意见建议 → 写建议: the text (5-500 characters, counted as it is typed), up to 3 pictures from
 * the album or the camera (each uploads at once, with its bar), a contact if the member wants
 * one, then 提交 and back to the list. The form makes one requestId, at its first 提交, and
 * keeps it: a double tap, or a retry after a lost answer, stores one suggestion.
 */
Component({
  data: {
    t,
    maxText: MAX_TEXT,
    maxContact: MAX_CONTACT,
    maxPictures: MAX_PICTURES,
    picturesHint: fill(t.picturesHint, { max: MAX_PICTURES }),
    text: '',
    textCount: 0,
    contact: '',
    pictures: [] as PictureRow[],
    error: '',
    errorField: '' as FeedbackField | '',
    submitting: false,
    requestId: '',
  },

  methods: {
    onTextInput(event: ValueEvent) {
      const text = event.detail.value;
      this.setData({ text, textCount: textLength(text), ...noError() });
    },

    onContactInput(event: ValueEvent) {
      this.setData({ contact: event.detail.value, ...noError() });
    },

    /** 添加图片: the action sheet, the picker, then each picture uploads with its own bar. */
    async onAddPicture() {
      const { pictures, submitting } = this.data;
      if (submitting) return;
      const room = MAX_PICTURES - pictures.length;
      if (room <= 0) {
        this.showError('pictures', fill(t.tooManyPictures, { max: MAX_PICTURES }));
        return;
      }

      const source = await askFileSource(PICTURE_SOURCES);
      if (!source) return;
      const choice = await chooseFiles(source, room);
      if (choice.kind === 'cancelled') return;
      if (choice.kind === 'refused') {
        this.showError('pictures', choice.message);
        return;
      }
      if (choice.files.some((file) => file.size > MAX_PICTURE_BYTES)) {
        this.showError('pictures', t.pictureTooLarge);
        return;
      }
      this.setData(noError());
      choice.files.slice(0, room).forEach((file) => this.startUpload(file));
    },

    startUpload(file: ChosenFile) {
      const key = `p${++pictureSequence}`;
      const row: PictureRow = {
        key,
        filePath: file.filePath,
        percent: 0,
        state: 'uploading',
        stateText: pictureStateText('uploading', 0),
        fileId: '',
      };
      this.setData({ pictures: [...this.data.pictures, row] });

      uploadFile(file.filePath, (percent) => {
        const current = this.data.pictures.find((picture) => picture.key === key);
        // Only whole-percent changes reach the view: setData is not free.
        const whole = Math.min(100, Math.max(0, Math.round(percent)));
        if (current?.state === 'uploading' && whole !== current.percent) {
          this.updatePicture(key, {
            percent: whole,
            stateText: pictureStateText('uploading', whole),
          });
        }
      }).then(
        (fileId) => {
          const done = { fileId, percent: 100, state: 'done' as const };
          this.updatePicture(key, { ...done, stateText: pictureStateText('done', 100) });
        },
        (error: unknown) => {
          if (followSessionError(error)) return;
          this.updatePicture(key, { state: 'failed', stateText: pictureStateText('failed', 0) });
          this.showError('pictures', errorText(error));
        },
      );
    },

    updatePicture(key: string, change: Partial<PictureRow>) {
      const patch = rowPatch(this.data.pictures, 'pictures', key, change);
      if (patch) this.setData(patch);
    },

    onRemovePicture(event: KeyEvent) {
      const { key } = event.currentTarget.dataset;
      this.setData({
        pictures: this.data.pictures.filter((picture) => picture.key !== key),
        ...noError(),
      });
    },

    /** 提交: checked here first; a refusal of the backend shows on the field it names. */
    async onSubmit() {
      const { text, contact, pictures, submitting } = this.data;
      if (submitting) return;
      const problem = feedbackProblem({ text, pictures, contact });
      if (problem) {
        this.showError(problem.field, problem.message);
        return;
      }

      this.setData({ submitting: true, ...noError() });
      try {
        const requestId = this.data.requestId || (await randomHex(REQUEST_ID_BYTES));
        this.setData({ requestId });
        await submitFeedback({
          text: text.trim(),
          pictureFileIds: uploadedPictureIds(pictures),
          contact: contact.trim() || null,
          requestId,
        });
        // Stays `submitting` on the way back: the suggestion is in, nothing more to tap.
        wx.showToast({ title: t.submitted, icon: 'success' });
        goBackTo('feedback');
      } catch (error) {
        if (followSessionError(error)) return;
        const field = isApiError(error) ? feedbackFieldOf(error.field) : null;
        this.setData({ submitting: false, error: errorText(error), errorField: field ?? '' });
      }
    },

    showError(field: FeedbackField, message: string) {
      this.setData({ errorField: field, error: message });
    },
  },
});

function noError() {
  return { error: '', errorField: '' as const };
}
