import { fill, zhCN } from '../../locales/zh-CN';
import { submitFeedback } from '../../services/feedback';
import { addUploads, removeUpload } from '../../services/form-uploads';
import { noFormError, submitOnce } from '../../services/form-submit';
import type { DatasetEvent, ValueEvent } from '../../services/page-view';
import {
  feedbackFieldOf,
  feedbackProblem,
  MAX_CONTACT,
  MAX_PICTURE_BYTES,
  MAX_PICTURES,
  MAX_TEXT,
  textLength,
  type FeedbackField,
  type PictureRow,
} from '../../utils/feedback-view';
import { uploadedFileIds } from '../../utils/upload-rows';

type KeyEvent = DatasetEvent<{ key: string }>;

const t = zhCN.feedback;

/** Pictures, never a PDF: the action sheet offers the album and the camera only. */
const PICTURE_SOURCES = ['album', 'camera'] as const;

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
      this.setData({ text, textCount: textLength(text), ...noFormError() });
    },

    onContactInput(event: ValueEvent) {
      this.setData({ contact: event.detail.value, ...noFormError() });
    },

    /** 添加图片: the album or the camera; a picture over 10 MB is refused before uploading. */
    onAddPicture() {
      return addUploads(this, {
        list: 'pictures',
        max: MAX_PICTURES,
        tooMany: fill(t.tooManyPictures, { max: MAX_PICTURES }),
        sources: PICTURE_SOURCES,
        refuse: (files) =>
          files.some((file) => file.size > MAX_PICTURE_BYTES) ? t.pictureTooLarge : null,
        rowOf: (file) => ({ filePath: file.filePath }),
        texts: t,
      });
    },

    onRemovePicture(event: KeyEvent) {
      removeUpload(this, 'pictures', event.currentTarget.dataset.key);
    },

    /** 提交: the text and the contact trimmed, the pictures uploaded; then back to the list. */
    onSubmit() {
      const { text, contact, pictures } = this.data;
      return submitOnce(this, {
        problem: () => feedbackProblem({ text, pictures, contact }),
        send: (requestId) =>
          submitFeedback({
            text: text.trim(),
            pictureFileIds: uploadedFileIds(pictures),
            contact: contact.trim() || null,
            requestId,
          }),
        fieldOf: feedbackFieldOf,
        submitted: t.submitted,
        backTo: 'feedback',
      });
    },
  },
});
