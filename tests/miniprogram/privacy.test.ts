import { privacyPolicy } from '../../miniprogram/utils/privacy-policy';
import { connectBackend, seedSociety, type ConnectedBackend } from './support/backend';
import { renderPage, textOf, type Rendered } from './support/pages';

const SOCIETY = '四川省性学会';

describe('隐私政策', () => {
  let backend: ConnectedBackend;
  beforeEach(() => {
    backend = connectBackend();
  });
  afterEach(() => backend.close());

  async function openPolicy(): Promise<Rendered> {
    const page = renderPage('privacy');
    await backend.settle();
    return page;
  }

  function texts(page: Rendered, selector: string): string[] {
    return page.querySelectorAll(selector).map((found) => found.dom?.textContent?.trim() ?? '');
  }

  it('shows every section of the policy with the society’s name, without a login', async () => {
    await seedSociety(backend);

    const page = await openPolicy();

    expect(textOf(page, '.policy__title')).toBe('隐私政策');
    expect(textOf(page, '.policy__updated')).toMatch(/^更新日期 \d{4}年\d{1,2}月\d{1,2}日$/);
    expect(textOf(page, '.policy__intro')).toContain(`${SOCIETY}（以下简称“学会”）`);
    expect(texts(page, '.policy-section__heading')).toEqual(
      privacyPolicy(SOCIETY).sections.map((section) => section.heading),
    );
    const paragraphs = texts(page, '.policy-section__paragraph');
    expect(paragraphs).toHaveLength(
      privacyPolicy(SOCIETY).sections.flatMap((section) => section.paragraphs).length,
    );
    expect(paragraphs.at(-1)).toContain(`请联系${SOCIETY}秘书处`);
  });

  it('tells what is collected, where it is kept and which permissions are asked', async () => {
    await seedSociety(backend);

    const text = texts(await openPolicy(), '.policy-section__paragraph').join('\n');

    expect(text).toContain('OPENID 的单向哈希值');
    expect(text).toContain('身份证号仅在您勾选同意后才会保存');
    expect(text).toContain('中国大陆境内');
    expect(text).toContain('我们不出售您的个人信息');
    expect(text).toContain('撤回后身份证号即被删除');
    expect(text).toContain('相册（保存）');
    expect(text).toContain('摄像头');
  });

  it('reads 本学会 when the society’s name cannot be loaded', async () => {
    backend.setOffline(true);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    const page = await openPolicy();

    expect(textOf(page, '.policy__intro')).toContain('本学会（以下简称“学会”）');
    expect(texts(page, '.policy-section__heading')).toHaveLength(8);
  });
});
