import { zhCN } from '../../locales/zh-CN';
import { getSocietyInfo } from '../../services/society';
import { formatCertificateDate } from '../../utils/certificate-layout';
import { privacyPolicy, PRIVACY_POLICY_UPDATED_ON } from '../../utils/privacy-policy';

/**
 * 隐私政策: the policy of utils/privacy-policy.ts with the society's name. Open without login
 * (the privacy prompt links here); until the name loads, or when it cannot, the text says 本学会.
 */
Component({
  data: {
    t: zhCN.privacy,
    policy: privacyPolicy(null),
    updatedOn: formatCertificateDate(PRIVACY_POLICY_UPDATED_ON),
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  methods: {
    async load() {
      try {
        const society = await getSocietyInfo();
        this.setData({ policy: privacyPolicy(society.name) });
      } catch (error) {
        // The policy reads correctly without the name: keep 本学会 rather than hide the text.
        console.warn('privacy policy without the society name', error);
      }
    },
  },
});
