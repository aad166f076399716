import { Suspense, type ReactNode } from 'react';
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useI18n } from '../i18n/I18nContext';
import { pagesFor } from '../nav/navigation';
import { useSession } from '../session/SessionContext';

const { Header, Sider, Content } = Layout;

/** Header (title, language, user, sign-out), the role's menu, and the page. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { session, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const role = session?.actor.role;
  const menu = role ? pagesFor(role).filter((p) => p.inMenu) : [];
  const selected = menu.filter((p) => location.pathname === p.path || location.pathname.startsWith(`${p.path}/`)).map((p) => p.key);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          {t('app.title')} · {t('app.console')}
        </Typography.Text>
        <Space>
          <Button size="small" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')} title={t('lang.label')} data-testid="lang-switch">
            <span lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}>{t('lang.switch')}</span>
          </Button>
          {session && (
            <>
              <span style={{ color: '#fff' }} data-testid="signed-in-as">
                {t('auth.signedInAs')}: {session.label}
              </span>
              <Tag color="magenta">{t(`role.${session.actor.role}`)}</Tag>
              <Button
                size="small"
                onClick={() => {
                  signOut();
                  navigate('/sign-in');
                }}
              >
                {t('auth.signOut')}
              </Button>
            </>
          )}
        </Space>
      </Header>
      <Layout>
        {menu.length > 0 && (
          <Sider width={200} theme="light" breakpoint="md" collapsedWidth={0}>
            <nav aria-label={t('nav.menu')}>
              <Menu mode="inline" selectedKeys={selected} items={menu.map((p) => ({ key: p.key, label: <Link to={p.path}>{t(p.label)}</Link> }))} />
            </nav>
          </Sider>
        )}
        <Content style={{ padding: 24 }}>
          <main>
            <ErrorBoundary resetKey={location.pathname}>
              <Suspense fallback={<Spin tip={t('common.loading')} />}>{children}</Suspense>
            </ErrorBoundary>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
