import { zhCN } from '../../locales/zh-CN';
import { viewNews } from '../../services/news';
import { errorText } from '../../utils/error-text';
import { toNewsView, type NewsView } from '../../utils/news-view';

const t = zhCN.news;

/**
 * One 机构动态, opened from the landing page (`?id=`): title, date, cover and the text. Anyone
 * may read it, logged in or not; a logged-in member's first opening earns 查看机构动态 (the
 * backend keeps count). A session gone stale is no reason to leave: news.view is public and
 * answers it as a visitor's.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    newsId: '',
    loading: true,
    loadError: '',
    news: null as NewsView | null,
  },

  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const newsId = options.id ?? '';
      if (!newsId) {
        this.setData({ loading: false, loadError: t.missing });
        return;
      }
      this.setData({ newsId });
      void this.load();
    },

    /** The first opening and 重新加载: the loading state, then the item or the error. */
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        const news = toNewsView(await viewNews(this.data.newsId));
        this.setData({ news, loading: false });
      } catch (error) {
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },
  },
});
