import type { ServiceItem } from '../../../typings/services';
import { fill, zhCN } from '../../locales/zh-CN';
import { addUploads, removeUpload } from '../../services/form-uploads';
import { noFormError, submitOnce } from '../../services/form-submit';
import type { DatasetEvent, ValueEvent } from '../../services/page-view';
import { applyForService, listServices } from '../../services/service-catalogue';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import {
  CHAT_EXTENSIONS,
  MAX_ATTACHMENTS,
  MAX_TEXT,
  oversizedAttachment,
  serviceApplyFieldOf,
  serviceApplyProblem,
  textLength,
  type AttachmentRow,
  type ServiceApplyField,
} from '../../utils/service-view';
import { uploadedFileIds } from '../../utils/upload-rows';

type KeyEvent = DatasetEvent<{ key: string }>;

const t = zhCN.serviceApply;

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
      this.setData({ text, textCount: textLength(text), ...noFormError() });
    },

    /** 添加附件: photos, or documents from a chat; a file over 10 MB is refused by its name. */
    onAddAttachment() {
      return addUploads(this, {
        list: 'attachments',
        max: MAX_ATTACHMENTS,
        tooMany: fill(t.tooManyAttachments, { max: MAX_ATTACHMENTS }),
        labels: { chat: t.chatFiles },
        extensions: CHAT_EXTENSIONS,
        refuse: oversizedAttachment,
        rowOf: (file) => ({ name: file.name }),
        texts: t,
      });
    },

    onRemoveAttachment(event: KeyEvent) {
      removeUpload(this, 'attachments', event.currentTarget.dataset.key);
    },

    /** 提交申请: the text trimmed, the files uploaded; then back to 我的申请. */
    async onSubmit() {
      const { service, text, attachments } = this.data;
      if (!service) return;
      await submitOnce(this, {
        problem: () => serviceApplyProblem({ text, attachments }),
        send: (requestId) =>
          applyForService({
            serviceId: service.id,
            text: text.trim(),
            attachmentFileIds: uploadedFileIds(attachments),
            requestId,
          }),
        fieldOf: serviceApplyFieldOf,
        submitted: t.submitted,
        backTo: 'services',
      });
    },
  },
});
