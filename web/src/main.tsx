/** The Liaison console: hash routes (`#/incidents/INC-1`), so no console path collides with the API. */
import { type FunctionComponent, type JSX, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { configureApi } from './api/client';
import { apiBaseUrl, initAuth, loadConfig, type Session, signIn, signOut, token } from './auth';
import './style.css';

export interface PageProps {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly session: Session;
}
type Page = FunctionComponent<PageProps>;

/** Each page is its own chunk. */
const ROUTES: [RegExp, string[], () => Promise<{ default: Page }>][] = [
  [/^\/$/, [], () => import('./pages/dashboard')],
  [/^\/incidents$/, [], () => import('./pages/incidents')],
  [/^\/incidents\/new$/, [], () => import('./pages/incident-form')],
  [/^\/incidents\/([^/]+)\/edit$/, ['id'], () => import('./pages/incident-form')],
  [/^\/incidents\/([^/]+)\/report$/, ['id'], () => import('./pages/report')],
  [/^\/incidents\/([^/]+)$/, ['id'], () => import('./pages/incident')],
  [/^\/third-parties$/, [], () => import('./pages/third-parties')],
  [/^\/directory$/, [], () => import('./pages/directory')],
  [/^\/partner$/, [], () => import('./pages/partner')],
  [/^\/sharing$/, [], () => import('./pages/sharing')],
  [/^\/exercises$/, [], () => import('./pages/exercises')],
  [/^\/inbound$/, [], () => import('./pages/inbound')],
];

function parseHash(): { path: string; query: URLSearchParams } {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', q = ''] = raw.split('?');
  return { path, query: new URLSearchParams(q) };
}

function Router({ session }: { session: Session }): JSX.Element {
  const [loc, setLoc] = useState(parseHash);
  const [page, setPage] = useState<{ key: string; Page: Page; params: Record<string, string> }>();
  useEffect(() => {
    const on = (): void => setLoc(parseHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    let path = loc.path;
    if (path === '/' && session.roles.includes('partner') && session.roles.length === 1) path = '/partner';
    for (const [re, names, load] of ROUTES) {
      const m = re.exec(path);
      if (!m) continue;
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
      load().then((mod) => setPage({ key: path, Page: mod.default, params }));
      return;
    }
    setPage(undefined);
  }, [loc.path]);
  if (!page) return <p>Page not found.</p>;
  return <page.Page key={page.key} params={page.params} query={loc.query} session={session} />;
}

function Shell({ session }: { session: Session | undefined }): JSX.Element {
  const partnerOnly = session?.roles.length === 1 && session.roles[0] === 'partner';
  return (
    <>
      <header>
        <a class="brand" href="#/">
          Liaison
        </a>
        {session && (
          <nav aria-label="Main">
            {partnerOnly ? (
              <a href="#/partner">Partner portal</a>
            ) : (
              <>
                <a href="#/">Dashboard</a>
                <a href="#/incidents">Incidents</a>
                <a href="#/third-parties">Third parties</a>
                <a href="#/directory">Directory</a>
                <a href="#/sharing">Sharing</a>
                <a href="#/exercises">Exercises</a>
                <a href="#/inbound">Inbound e-mail</a>
                <a href="#/partner">Partner view</a>
              </>
            )}
          </nav>
        )}
        <span class="who">
          {session ? (
            <>
              {session.sub} ({session.roles.join(', ')}
              {session.organization ? ` · ${session.organization}` : ''}){' '}
              <button type="button" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          ) : null}
        </span>
      </header>
      <main>
        {session ? (
          <Router session={session} />
        ) : (
          <section>
            <h1>Sign in</h1>
            <p>Sign in to coordinate incidents with your third parties.</p>
            <button type="button" onClick={() => void signIn()}>
              Sign in
            </button>
          </section>
        )}
      </main>
    </>
  );
}

async function start(): Promise<void> {
  await loadConfig();
  const session = await initAuth();
  configureApi(apiBaseUrl(), token);
  const root = document.getElementById('app');
  if (root) render(<Shell session={session} />, root);
}

void start();
