import type { ApplicationReceipt, Gender } from '../../../../typings/actions';
import { fill, zhCN } from '../../../locales/zh-CN';
import { isApiError } from '../../../services/api-error';
import {
  getApplicationOptions,
  requestUploadGrant,
  resubmitApplication,
  submitApplication,
  takeResubmitDraft,
  templateLink,
  type MyApplication,
} from '../../services/application';
import { goBackTo, openPage, replacePage, restartAt } from '../../../services/navigation';
import { randomHex } from '../../../services/random';
import { askFileSource, chooseFiles, type ChosenFile } from '../../../services/file-choice';
import { uploadWithGrant } from '../../../services/upload';
import {
  APPLICATION_MAX_LENGTH,
  applyFieldOf,
  applyFormFromView,
  emptyApplyForm,
  fileStateText,
  firstProblem,
  keptFileRows,
  MAX_FORM_FILES,
  oversizedMessage,
  resubmitRequestOf,
  submitRequestOf,
  TEXT_INPUTS,
  type ApplicationTextField,
  type ApplyForm,
  type ApplyFormField,
  type FormFileRow,
} from '../../utils/application-form';
import { errorText } from '../../../utils/error-text';
import { rowPatch } from '../../../utils/rows';
import { shanghaiToday } from '../../../utils/profile-form';

type FieldEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  Record<string, never>,
  { field: ApplicationTextField | 'name' | 'phone' | 'idNumber' }
>;
type ValueEvent<T> = WechatMiniprogram.CustomEvent<{ value: T }>;
type KeyEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { key: string }
>;

const t = zhCN.apply;
const GENDERS: readonly Gender[] = t.genders;
/** The backend refuses earlier birth dates; the picker starts there too. */
const EARLIEST_BIRTH_DATE = '1900-01-01';
/** 16 random bytes: the requestId of one form fill (the backend takes 8-64 characters). */
const REQUEST_ID_BYTES = 16;

/** loading; failed: `loadError` says why; form; receipt: after 提交. */
type View = 'loading' | 'failed' | 'form' | 'receipt';

/** Tells file rows apart; a row removed while uploading ignores its upload's result. */
let fileSequence = 0;

/**
 * 入会申请, without login: opened from the 入会申请 code (scene `apply`, which asks nothing
 * more of the page), from 申请入会 on the landing page, or with `mode=resubmit` from the status
 * page's 修改后重新提交, prefilled with the rejected application. The form, the signed form's
 * files (uploaded with a grant instead of a session), 《隐私保护指引》, then 提交 → the receipt.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    maxLength: APPLICATION_MAX_LENGTH,
    inputs: TEXT_INPUTS,
    maxFiles: MAX_FORM_FILES,
    filesHint: fill(t.filesHint, { max: MAX_FORM_FILES }),
    earliestBirthDate: EARLIEST_BIRTH_DATE,
    today: shanghaiToday(),
    view: 'loading' as View,
    loadError: '',
    resubmitting: false,
    /** The rejected application being corrected; null for a new one. */
    draft: null as MyApplication | null,
    rejectedReason: '',
    idNumberHint: '',
    memberTypes: [] as string[],
    memberTypeIndex: 0,
    template: null as { name: string } | null,
    openingTemplate: false,
    resultTemplateId: '',
    form: emptyApplyForm([]),
    genderIndex: 0,
    files: [] as FormFileRow[],
    privacyAgreed: false,
    error: '',
    errorField: '' as ApplyFormField | '',
    /** What the refusal of a submit offers: 去登录 (already a member) or 查看进度 (under review). */
    conflict: '' as '' | 'login' | 'status',
    submitting: false,
    /** This form fill's id: kept across failed tries, so a retry cannot make a second one. */
    requestId: '',
    /** The grant this fill's uploads go with; '' until the first file is chosen. */
    uploadGrant: '',
    receipt: null as { title: string; referenceCode: string; phone: string } | null,
  },

  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.mode === 'resubmit') {
        const draft = takeResubmitDraft();
        if (!draft) {
          // Opened again after the app restarted: the status page hands the application over.
          this.setData({ view: 'failed', loadError: t.resubmitLost, resubmitting: true });
          return;
        }
        this.setData({ resubmitting: true, draft });
      }
      void this.load();
    },

    async load() {
      const { draft } = this.data;
      this.setData({ view: 'loading', loadError: '' });
      try {
        const options = await getApplicationOptions();
        const form = draft
          ? applyFormFromView(draft.form, draft.phone)
          : emptyApplyForm(options.memberTypes);
        this.setData({
          memberTypes: options.memberTypes,
          template: options.template,
          resultTemplateId: options.resultTemplateId ?? '',
          files: draft ? keptFileRows(draft.files) : [],
          rejectedReason: draft?.reason ? fill(t.rejectedReason, { reason: draft.reason }) : '',
          idNumberHint: draft?.form.idNumberMasked
            ? fill(t.idNumberStored, { masked: draft.form.idNumberMasked })
            : '',
          today: shanghaiToday(),
          view: 'form',
        });
        this.setForm(form);
      } catch (error) {
        this.setData({ view: 'failed', loadError: errorText(error) });
      }
    },

    /** Puts the form in `form` and the pickers' positions derived from it. */
    setForm(form: ApplyForm) {
      this.setData({
        form,
        memberTypeIndex: Math.max(0, this.data.memberTypes.indexOf(form.memberType)),
        genderIndex: Math.max(0, GENDERS.indexOf(form.gender ?? '男')),
      });
    },

    onFieldInput(event: FieldEvent) {
      const { field } = event.currentTarget.dataset;
      this.setData({ [`form.${field}`]: event.detail.value, ...noError() });
    },

    onMemberTypeChange(event: ValueEvent<string>) {
      const memberType = this.data.memberTypes[Number(event.detail.value)] ?? '';
      this.setForm({ ...this.data.form, memberType });
      this.setData(noError());
    },

    onGenderChange(event: ValueEvent<string>) {
      const gender = GENDERS[Number(event.detail.value)] ?? null;
      this.setForm({ ...this.data.form, gender });
      this.setData(noError());
    },

    // The native date picker answers YYYY-MM-DD, within start and end.
    onBirthDateChange(event: ValueEvent<string>) {
      this.setForm({ ...this.data.form, birthDate: event.detail.value || null });
      this.setData(noError());
    },

    onIdConsentChange(event: ValueEvent<string[]>) {
      this.setData({
        'form.idNumberConsent': event.detail.value.includes('consent'),
        ...noError(),
      });
    },

    onPrivacyChange(event: ValueEvent<string[]>) {
      this.setData({ privacyAgreed: event.detail.value.includes('agree'), ...noError() });
    },

    onPrivacy() {
      openPage('privacy');
    },

    /** 下载空白申请表: a fresh link, the download, then WeChat's viewer (which can forward it). */
    async onTemplate() {
      if (this.data.openingTemplate) return;
      this.setData({ openingTemplate: true });
      try {
        let filePath: string;
        let name: string;
        try {
          const link = await templateLink();
          name = link.name;
          filePath = await download(link.url);
        } catch (error) {
          console.warn('template download failed', { error: describe(error) });
          // A refused link says why (the backend's sentence); a failed download does not.
          wx.showToast({
            title: isApiError(error) ? error.message : t.templateFailed,
            icon: 'none',
          });
          return;
        }
        try {
          await openDocument(filePath, name);
        } catch (error) {
          console.warn('template open failed', { error: describe(error) });
          wx.showToast({ title: t.templateOpenFailed, icon: 'none' });
        }
      } finally {
        this.setData({ openingTemplate: false });
      }
    },

    /** 添加文件: the source, the picker, the size check, then each file uploads with its bar. */
    async onAddFile() {
      const { files, submitting } = this.data;
      if (submitting) return;
      const room = MAX_FORM_FILES - files.length;
      if (room <= 0) {
        this.showError('files', fill(t.tooMany, { max: MAX_FORM_FILES }));
        return;
      }

      const source = await askFileSource();
      if (!source) return;
      const choice = await chooseFiles(source, room);
      if (choice.kind === 'cancelled') return;
      if (choice.kind === 'refused') {
        this.showError('files', choice.message);
        return;
      }
      const tooLarge = oversizedMessage(choice.files);
      if (tooLarge) {
        this.showError('files', tooLarge);
        return;
      }

      this.setData(noError());
      let uploadGrant = this.data.uploadGrant;
      try {
        if (!uploadGrant) {
          uploadGrant = await requestUploadGrant();
          this.setData({ uploadGrant });
        }
      } catch (error) {
        this.showError('files', errorText(error));
        return;
      }
      choice.files.slice(0, room).forEach((file) => this.startUpload(file, uploadGrant));
    },

    startUpload(file: ChosenFile, uploadGrant: string) {
      const key = `f${++fileSequence}`;
      const row: FormFileRow = {
        key,
        name: file.name,
        state: 'uploading',
        percent: 0,
        stateText: fileStateText('uploading', 0),
        fileId: '',
        grant: uploadGrant,
      };
      this.setData({ files: [...this.data.files, row] });

      uploadWithGrant(file.filePath, uploadGrant, (percent) => {
        const current = this.data.files.find((item) => item.key === key);
        // Only whole-percent changes reach the view: setData is not free.
        const whole = Math.min(100, Math.max(0, Math.round(percent)));
        if (current?.state === 'uploading' && whole !== current.percent) {
          this.updateFile(key, { percent: whole, stateText: fileStateText('uploading', whole) });
        }
      }).then(
        (fileId) => {
          if (uploadGrant !== this.data.uploadGrant) {
            // The grant expired while this one was on its way: it cannot go with the new one.
            this.updateFile(key, { state: 'failed', stateText: t.expired });
            return;
          }
          const done = { fileId, percent: 100, state: 'done' as const };
          this.updateFile(key, { ...done, stateText: fileStateText('done', 100) });
        },
        (error: unknown) => {
          this.updateFile(key, { state: 'failed', stateText: fileStateText('failed', 0) });
          if (isApiError(error, 'UNAUTHENTICATED')) {
            this.dropGrant(uploadGrant);
            this.showError('files', t.grantExpired);
          } else this.showError('files', errorText(error));
        },
      );
    },

    /**
     * The grant expired (2 hours): the next file chosen asks for a new one, and the files
     * uploaded with this one are marked to be uploaded again, since a submit names one grant.
     */
    dropGrant(uploadGrant: string) {
      const files = this.data.files.map((file) =>
        file.grant === uploadGrant && file.state !== 'kept'
          ? { ...file, state: 'failed' as const, stateText: t.expired }
          : file,
      );
      this.setData({ files, uploadGrant: '' });
    },

    updateFile(key: string, change: Partial<FormFileRow>) {
      const patch = rowPatch(this.data.files, 'files', key, change);
      if (patch) this.setData(patch);
    },

    onRemoveFile(event: KeyEvent) {
      const { key } = event.currentTarget.dataset;
      this.setData({ files: this.data.files.filter((file) => file.key !== key), ...noError() });
    },

    /**
     * 提交. The checks run first, so an incomplete form never asks for the subscription. The
     * 入会审核结果 message is asked for straight from the tap (WeChat shows it only on a
     * gesture); a refusal still submits.
     */
    onSubmit() {
      const { view, submitting, form, files, privacyAgreed, resultTemplateId } = this.data;
      if (view !== 'form' || submitting) return;
      const problem = firstProblem(form, files, privacyAgreed);
      if (problem) {
        this.showError(problem.field, problem.message);
        return;
      }

      this.setData({ submitting: true, ...noError() });
      if (!resultTemplateId) {
        void this.send(false);
        return;
      }
      wx.requestSubscribeMessage({
        tmplIds: [resultTemplateId],
        success: (answer) => {
          const answers = answer as unknown as Record<string, string | undefined>;
          void this.send(answers[resultTemplateId] === 'accept');
        },
        fail: (error: WechatMiniprogram.GeneralCallbackResult & { errCode?: number }) => {
          console.warn('requestSubscribeMessage failed', {
            errMsg: error.errMsg,
            errCode: error.errCode,
          });
          void this.send(false);
        },
      });
    },

    async send(resultMessageAccepted: boolean) {
      const { form, files, uploadGrant, draft } = this.data;
      try {
        const requestId = this.data.requestId || (await randomHex(REQUEST_ID_BYTES));
        this.setData({ requestId });
        const extras = { requestId, uploadGrant, files, resultMessageAccepted };
        const receipt = draft
          ? await resubmitApplication(resubmitRequestOf(form, draft.referenceCode, extras))
          : await submitApplication(submitRequestOf(form, extras));
        this.showReceipt(receipt);
      } catch (error) {
        // The form stays as typed so the applicant can correct the field the message names.
        const field = isApiError(error) ? applyFieldOf(error.field) : null;
        this.setData({ error: errorText(error), errorField: field ?? '' });
        if (isApiError(error, 'CONFLICT')) {
          // Already a member: log in. Already applied: that application's progress.
          const offers: Record<string, 'login' | 'status'> = {
            alreadyMember: 'login',
            underReview: 'status',
          };
          this.setData({ conflict: offers[error.reason ?? ''] ?? '' });
        }
      } finally {
        this.setData({ submitting: false });
      }
    },

    showReceipt(receipt: ApplicationReceipt) {
      this.setData({
        view: 'receipt',
        receipt: {
          title: this.data.draft ? t.resubmittedTitle : t.receiptTitle,
          referenceCode: receipt.referenceCode,
          phone: this.data.form.phone.trim(),
        },
      });
    },

    showError(field: ApplyFormField, message: string) {
      this.setData({ errorField: field, error: message, conflict: '' });
    },

    /** 复制 the reference code; WeChat itself confirms with 内容已复制. */
    onCopyCode() {
      const code = this.data.receipt?.referenceCode;
      if (!code) return;
      wx.setClipboardData({
        data: code,
        fail: (error) => console.warn('setClipboardData failed', { errMsg: error.errMsg }),
      });
    },

    onGoLogin() {
      openPage('login');
    },

    /** 查看进度: back to the status page a resubmission came from, or the status page anew. */
    onViewStatus() {
      if (this.data.resubmitting) goBackTo('apply-status');
      else replacePage('apply-status');
    },

    onBackHome() {
      restartAt('landing');
    },
  },
});

function noError() {
  return { error: '', errorField: '' as const, conflict: '' as const };
}

/** wx.downloadFile as a promise of the temporary path; a status other than 200 is a failure. */
function download(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: ({ statusCode, tempFilePath }) => {
        if (statusCode === 200) resolve(tempFilePath);
        else reject(new Error(`downloadFile status ${statusCode}`));
      },
      fail: reject,
    });
  });
}

/**
 * The template in WeChat's document viewer, with its menu (转发, 用其他应用打开, 打印). The type
 * comes from the template's name; a name without one leaves WeChat to judge the downloaded
 * file (whose temporary path takes its extension from the response).
 */
function openDocument(filePath: string, name: string): Promise<void> {
  const extension = /\.(pdf|docx)$/i.exec(name)?.[1]?.toLowerCase() as 'pdf' | 'docx' | undefined;
  return new Promise((resolve, reject) => {
    wx.openDocument({
      filePath,
      ...(extension ? { fileType: extension } : {}),
      showMenu: true,
      success: () => resolve(),
      fail: reject,
    });
  });
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'errMsg' in error) {
    return String((error as { errMsg: unknown }).errMsg);
  }
  return error instanceof Error ? error.message : String(error);
}
