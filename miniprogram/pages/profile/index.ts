import type { Gender, MemberProfile } from '../../../typings/actions';
import { fill, zhCN } from '../../locales/zh-CN';
import { isApiError } from '../../services/api-error';
import { getProfile, updateProfile } from '../../services/profile';
import { followSessionError } from '../../services/session-flow';
import { choosePhoto, uploadFile } from '../../services/upload';
import { errorText } from '../../utils/error-text';
import {
  changedFields,
  PROFILE_MAX_LENGTH,
  profileFieldOf,
  shanghaiToday,
  toProfileForm,
  toProfileRows,
  type ProfileForm,
  type ProfileFormField,
  type ProfileRow,
  type ProfileTextField,
} from '../../utils/profile-form';

type FieldEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  Record<string, never>,
  { field: ProfileTextField | 'idNumber' }
>;
type PickerEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type CheckboxEvent = WechatMiniprogram.CustomEvent<{ value: string[] }>;

const t = zhCN.profile;
const GENDERS: readonly Gender[] = t.genders;
/** The backend refuses earlier birth dates (profile.ts); the picker starts there too. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** The account fields shown read-only; 未填写 stands in for what the roster lacks. */
function accountView(profile: MemberProfile) {
  return {
    name: profile.name,
    phone: profile.phoneMasked,
    memberNo: profile.memberNo ?? t.empty,
    memberType: profile.memberType ?? t.empty,
  };
}

/**
 * The other rows of the view. The photo shows as 已上传 / 未上传: no action hands the image
 * itself back yet (README, known limits).
 */
function detailsView(profile: MemberProfile) {
  return {
    gender: profile.gender ?? t.empty,
    birthDate: profile.birthDate ?? t.empty,
    idNumber: profile.idNumberMasked ?? t.empty,
    photo: profile.photoFileId ? t.photoUploaded : t.photoMissing,
  };
}

function photoStateOf(profile: MemberProfile, form: ProfileForm): string {
  if (!form.photoFileId) return t.photoMissing;
  return form.photoFileId === profile.photoFileId ? t.photoUploaded : t.photoNew;
}

/**
 * 基本信息 (会员中心 → 基本信息): the profile, and 编辑 → the fields → 提交. The backend checks
 * every value and answers the sentence to show; it appears on the field it names.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    maxLength: PROFILE_MAX_LENGTH,
    earliestBirthDate: EARLIEST_BIRTH_DATE,
    today: shanghaiToday(),
    loading: true,
    loadError: '',
    editing: false,
    submitting: false,
    uploading: false,
    error: '',
    errorField: '' as ProfileFormField | '',
    profile: null as MemberProfile | null,
    account: null as ReturnType<typeof accountView> | null,
    details: null as ReturnType<typeof detailsView> | null,
    rows: [] as ProfileRow[],
    form: {} as ProfileForm,
    genderIndex: 0,
    idNumberHint: '',
    photoState: '',
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  methods: {
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        this.show(await getProfile());
        this.setData({ loading: false });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    show(profile: MemberProfile) {
      this.setData({
        profile,
        account: accountView(profile),
        details: detailsView(profile),
        rows: toProfileRows(profile),
      });
    },

    /** Puts the form in `form` and what the template derives from it. */
    setForm(form: ProfileForm) {
      const { profile } = this.data;
      if (!profile) return;
      this.setData({
        form,
        genderIndex: Math.max(0, GENDERS.indexOf(form.gender ?? '男')),
        photoState: photoStateOf(profile, form),
      });
    },

    onEdit() {
      const { profile } = this.data;
      if (!profile) return;
      const idNumberHint = profile.idNumberMasked
        ? fill(t.idNumberStored, { masked: profile.idNumberMasked })
        : '';
      this.setData({ editing: true, today: shanghaiToday(), idNumberHint, ...noError() });
      this.setForm(toProfileForm(profile));
    },

    onCancel() {
      this.setData({ editing: false, ...noError() });
    },

    onFieldInput(event: FieldEvent) {
      const { field } = event.currentTarget.dataset;
      this.setData({ [`form.${field}`]: event.detail.value, ...noError() });
    },

    onGenderChange(event: PickerEvent) {
      const gender = GENDERS[Number(event.detail.value)] ?? null;
      this.setForm({ ...this.data.form, gender });
      this.setData(noError());
    },

    // The native date picker answers YYYY-MM-DD, within start and end.
    onBirthDateChange(event: PickerEvent) {
      this.setForm({ ...this.data.form, birthDate: event.detail.value || null });
      this.setData(noError());
    },

    /**
     * Withdrawing consent deletes the stored number on 提交: the member confirms that first,
     * and 取消 puts the tick back.
     */
    onConsentChange(event: CheckboxEvent) {
      const consent = event.detail.value.includes('consent');
      this.setData({ 'form.idNumberConsent': consent, ...noError() });
      if (consent || !this.data.profile?.idNumberMasked) return;
      wx.showModal({
        title: t.withdrawTitle,
        content: t.withdrawConfirm,
        success: ({ confirm }) => {
          if (!confirm) this.setData({ 'form.idNumberConsent': true });
        },
      });
    },

    /** 上传照片: the member's cancel is quiet; a refusal and a failed upload are explained. */
    async onChoosePhoto() {
      if (this.data.uploading || this.data.submitting) return;
      const choice = await choosePhoto();
      if (choice.kind === 'cancelled') return;
      if (choice.kind === 'refused') {
        this.setData({ errorField: 'photo', error: choice.message });
        return;
      }

      this.setData({ uploading: true, ...noError() });
      try {
        const photoFileId = await uploadFile(choice.filePath);
        this.setForm({ ...this.data.form, photoFileId });
      } catch (error) {
        if (!followSessionError(error))
          this.setData({ errorField: 'photo', error: errorText(error) });
      } finally {
        this.setData({ uploading: false });
      }
    },

    async onSubmit() {
      const { profile, form, submitting, uploading } = this.data;
      if (submitting || uploading || !profile) return;
      if (form.idNumber.trim() !== '' && !form.idNumberConsent) {
        this.setData({ errorField: 'idNumber', error: t.idNumberNeedsConsent });
        return;
      }
      const changes = changedFields(profile, form);
      if (Object.keys(changes).length === 0) {
        this.setData({ editing: false });
        wx.showToast({ title: t.unchanged, icon: 'none' });
        return;
      }

      this.setData({ submitting: true, ...noError() });
      try {
        this.show(await updateProfile(changes));
        this.setData({ editing: false });
        wx.showToast({ title: t.saved, icon: 'success' });
      } catch (error) {
        if (followSessionError(error)) return;
        if (isApiError(error, 'CONFLICT')) {
          // Someone else saved first (the portal, another phone): show theirs, then let the
          // member edit again on what is stored now.
          this.setData({ editing: false });
          await this.load();
          wx.showModal({ content: t.conflict, showCancel: false });
          return;
        }
        // The form stays as typed so the member can correct the field the message names.
        const field = isApiError(error) ? profileFieldOf(error.field) : null;
        this.setData({ error: errorText(error), errorField: field ?? '' });
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});

function noError() {
  return { error: '', errorField: '' as const };
}
