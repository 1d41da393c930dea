import type { ServiceItem } from '../../../typings/services';
import { fill, zhCN } from '../../locales/zh-CN';
import { isApiError } from '../../services/api-error';
import { askFileSource, chooseFiles, type ChosenFile } from '../../services/file-choice';
import { goBackTo } from '../../services/navigation';
import { randomHex } from '../../services/random';
import { applyForService, listServices } from '../../services/service-catalogue';
import { followSessionError } from '../../services/session-flow';
import { uploadFile } from '../../services/upload';
import { errorText } from '../../utils/error-text';
import { rowPatch } from '../../utils/rows';
import {
  attachmentStateText,
  CHAT_EXTENSIONS,
  MAX_ATTACHMENTS,
  MAX_TEXT,
  oversizedAttachment,
  serviceApplyFieldOf,
  serviceApplyProblem,
  textLength,
  uploadedAttachmentIds,
  type AttachmentRow,
  type ServiceApplyField,
} from '../../utils/service-view';

type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type KeyEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { key: string }
>;

const t = zhCN.serviceApply;

/** 16 random bytes: the requestId of one application (the backend takes 8-64 characters). */
const REQUEST_ID_BYTES = 16;

/** Tells attachment rows apart; a row removed while uploading ignores its upload's result. */
let attachmentSequence = 0;

/**
 * 服务 → 申请 (`?id=` the service): the service's 申请要求, the text (5-1000 characters,
 * counted as typed), up to 9 attachments (photos, or PDF / Word / Excel files from a chat;
 * each uploads at once, with its bar), then 提交申请 and back to 我的申请. The form makes one
 * requestId, at its first 提交, and keeps it: a double tap, or a retry after a lost answer,
 * stores one application.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    maxText: MAX_TEXT,
    maxAttachments: MAX_ATTACHMENTS,
    attachmentsHint: fill(t.attachmentsHint, { max: MAX_ATTACHMENTS }),
    serviceId: '',
    loading: true,
    loadError: '',
    service: null as ServiceItem | null,
    text: '',
    textCount: 0,
    attachments: [] as AttachmentRow[],
    error: '',
    errorField: '' as ServiceApplyField | '',
    submitting: false,
    requestId: '',
  },

  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const serviceId = options.id ?? '';
      if (!serviceId) {
        this.setData({ loading: false, loadError: t.missing });
        return;
      }
      this.setData({ serviceId });
      void this.load();
    },

    /** The service from the catalogue (there is no call for one alone), or why not. */
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        const service = (await listServices()).find((item) => item.id === this.data.serviceId);
        this.setData({
          service: service ?? null,
          loading: false,
          loadError: service ? '' : t.missing,
        });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    onTextInput(event: ValueEvent) {
      const text = event.detail.value;
      this.setData({ text, textCount: textLength(text), ...noError() });
    },

    /** 添加附件: the action sheet, the picker, then each file uploads with its own bar. */
    async onAddAttachment() {
      const { attachments, submitting } = this.data;
      if (submitting) return;
      const room = MAX_ATTACHMENTS - attachments.length;
      if (room <= 0) {
        this.showError('attachments', fill(t.tooManyAttachments, { max: MAX_ATTACHMENTS }));
        return;
      }

      const source = await askFileSource(undefined, { chat: t.chatFiles });
      if (!source) return;
      const choice = await chooseFiles(source, room, CHAT_EXTENSIONS);
      if (choice.kind === 'cancelled') return;
      if (choice.kind === 'refused') {
        this.showError('attachments', choice.message);
        return;
      }
      const tooLarge = oversizedAttachment(choice.files);
      if (tooLarge) {
        this.showError('attachments', tooLarge);
        return;
      }
      this.setData(noError());
      choice.files.slice(0, room).forEach((file) => this.startUpload(file));
    },

    startUpload(file: ChosenFile) {
      const key = `a${++attachmentSequence}`;
      const row: AttachmentRow = {
        key,
        name: file.name,
        percent: 0,
        state: 'uploading',
        stateText: attachmentStateText('uploading', 0),
        fileId: '',
      };
      this.setData({ attachments: [...this.data.attachments, row] });

      uploadFile(file.filePath, (percent) => {
        const current = this.data.attachments.find((item) => item.key === key);
        // Only whole-percent changes reach the view: setData is not free.
        const whole = Math.min(100, Math.max(0, Math.round(percent)));
        if (current?.state === 'uploading' && whole !== current.percent) {
          this.updateAttachment(key, {
            percent: whole,
            stateText: attachmentStateText('uploading', whole),
          });
        }
      }).then(
        (fileId) => {
          const done = { fileId, percent: 100, state: 'done' as const };
          this.updateAttachment(key, { ...done, stateText: attachmentStateText('done', 100) });
        },
        (error: unknown) => {
          if (followSessionError(error)) return;
          const failed = { state: 'failed' as const, stateText: attachmentStateText('failed', 0) };
          this.updateAttachment(key, failed);
          this.showError('attachments', errorText(error));
        },
      );
    },

    updateAttachment(key: string, change: Partial<AttachmentRow>) {
      const patch = rowPatch(this.data.attachments, 'attachments', key, change);
      if (patch) this.setData(patch);
    },

    onRemoveAttachment(event: KeyEvent) {
      const { key } = event.currentTarget.dataset;
      this.setData({
        attachments: this.data.attachments.filter((item) => item.key !== key),
        ...noError(),
      });
    },

    /** 提交申请: checked here first; a refusal of the backend shows on the field it names. */
    async onSubmit() {
      const { service, text, attachments, submitting } = this.data;
      if (!service || submitting) return;
      const problem = serviceApplyProblem({ text, attachments });
      if (problem) {
        this.showError(problem.field, problem.message);
        return;
      }

      this.setData({ submitting: true, ...noError() });
      try {
        const requestId = this.data.requestId || (await randomHex(REQUEST_ID_BYTES));
        this.setData({ requestId });
        await applyForService({
          serviceId: service.id,
          text: text.trim(),
          attachmentFileIds: uploadedAttachmentIds(attachments),
          requestId,
        });
        // Stays `submitting` on the way back: the application is in, nothing more to tap.
        wx.showToast({ title: t.submitted, icon: 'success' });
        goBackTo('services');
      } catch (error) {
        if (followSessionError(error)) return;
        const field = isApiError(error) ? serviceApplyFieldOf(error.field) : null;
        this.setData({ submitting: false, error: errorText(error), errorField: field ?? '' });
      }
    },

    showError(field: ServiceApplyField, message: string) {
      this.setData({ errorField: field, error: message });
    },
  },
});

function noError() {
  return { error: '', errorField: '' as const };
}
