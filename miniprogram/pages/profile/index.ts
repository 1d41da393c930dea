import type { MemberProfile } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { getProfile, updateProfile } from '../../services/profile';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import {
  changedFields,
  toProfileForm,
  toProfileRows,
  type ProfileForm,
  type ProfileRow,
  type ProfileTextField,
} from '../../utils/profile-form';

type FieldEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  Record<string, never>,
  { field: ProfileTextField }
>;

/** The account fields shown read-only; 未填写 stands in for what the roster lacks. */
function accountView(profile: MemberProfile) {
  const empty = zhCN.profile.empty;
  return {
    name: profile.name,
    phone: profile.phoneMasked,
    memberNo: profile.memberNo ?? empty,
    memberType: profile.memberType ?? empty,
  };
}

/**
 * 基本信息 (会员中心 → 基本信息): the profile, and 编辑 → the text fields → 提交.
 * TODO(scope): ID number (with consent), birth date picker, gender and photo are not edited
 * here yet; they need a picker, a consent step and an upload.
 */
Component({
  data: {
    t: zhCN.profile,
    common: zhCN.common,
    loading: true,
    loadError: '',
    editing: false,
    submitting: false,
    error: '',
    profile: null as MemberProfile | null,
    account: null as ReturnType<typeof accountView> | null,
    rows: [] as ProfileRow[],
    form: {} as ProfileForm,
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
      this.setData({ profile, account: accountView(profile), rows: toProfileRows(profile) });
    },

    onEdit() {
      const { profile } = this.data;
      if (!profile) return;
      this.setData({ editing: true, error: '', form: toProfileForm(profile) });
    },

    onCancel() {
      this.setData({ editing: false, error: '' });
    },

    onFieldInput(event: FieldEvent) {
      const { field } = event.currentTarget.dataset;
      this.setData({ [`form.${field}`]: event.detail.value, error: '' });
    },

    async onSubmit() {
      const { profile, form, submitting } = this.data;
      if (submitting || !profile) return;
      const changes = changedFields(profile, form);
      if (Object.keys(changes).length === 0) {
        this.setData({ editing: false });
        wx.showToast({ title: zhCN.profile.unchanged, icon: 'none' });
        return;
      }

      this.setData({ submitting: true, error: '' });
      try {
        this.show(await updateProfile(changes));
        this.setData({ editing: false });
        wx.showToast({ title: zhCN.profile.saved, icon: 'success' });
      } catch (error) {
        // The form stays as typed so the member can correct the field the message names.
        if (!followSessionError(error)) this.setData({ error: errorText(error) });
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
