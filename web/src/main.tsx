// The app's shell: the header with its navigation, and the screen the path names.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { currentUser, onSessionChange, signOut } from "./api";
import { Link, navigate, useLocation } from "./router";
import { UserLink } from "./ui";
import { AccountScreen } from "./screens/Account";
import { AuthScreen } from "./screens/Auth";
import { BoardScreen } from "./screens/Board";
import { ChartsScreen } from "./screens/Charts";
import { FeedScreen } from "./screens/Feed";
import { ImportsScreen } from "./screens/Imports";
import { PlaceScreen } from "./screens/Place";
import { RecsScreen } from "./screens/Recs";
import { SearchScreen } from "./screens/Search";
import { TitleScreen } from "./screens/Title";
import { Top4Screen } from "./screens/Top4";
import { UserScreen } from "./screens/User";
import "./styles.css";

const NAV: [string, string][] = [
  ["/", "My list"],
  ["/search", "Search"],
  ["/recommendations", "For you"],
  ["/feed", "Feed"],
  ["/top4", "Top 4"],
  ["/charts", "Charts"],
  ["/imports", "Import"],
  ["/account", "Account"],
];

function useUser() {
  const [user, setUser] = useState(currentUser());
  useEffect(() => onSessionChange(() => setUser(currentUser())), []);
  return user;
}

function route(path: string, query: URLSearchParams) {
  const [, first, second] = path.split("/");
  switch (first) {
    case "":
      return <BoardScreen />;
    case "search":
      return <SearchScreen initial={query.get("q") ?? ""} />;
    case "place":
      return <PlaceScreen />;
    case "title":
      return second ? <TitleScreen id={second} /> : null;
    case "users":
      return second ? <UserScreen id={second} name={query.get("name") ?? ""} /> : null;
    case "recommendations":
      return <RecsScreen />;
    case "feed":
      return <FeedScreen />;
    case "top4":
      return <Top4Screen />;
    case "charts":
      return <ChartsScreen />;
    case "imports":
      return <ImportsScreen />;
    case "account":
      return <AccountScreen />;
    default:
      return null;
  }
}

function App() {
  const user = useUser();
  const { path, query } = useLocation();
  const signing = path === "/signin" || path === "/signup";
  useEffect(() => {
    if (!user && !signing) navigate(`/signin?next=${encodeURIComponent(path)}`, true);
    if (user && signing) navigate(query.get("next") ?? "/", true);
  }, [user, signing, path]);

  const screen = !user ? (
    signing ? <AuthScreen mode={path === "/signup" ? "signup" : "signin"} /> : null
  ) : (
    (route(path, query) ?? (
      <section class="screen">
        <h1>Not found</h1>
        <p>
          Nothing lives at {path}. <Link href="/">Back to my list</Link>
        </p>
      </section>
    ))
  );
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          Marquee
        </Link>
        {user && (
          <nav aria-label="Main">
            <ul>
              {NAV.map(([href, label]) => (
                <li key={href}>
                  <Link href={href} aria-current={path === href ? "page" : undefined}>
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {user && (
          <div class="who">
            <UserLink user={{ id: user.id, display_name: user.display_name }} />
            <button type="button" class="link" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main">{screen}</main>
    </>
  );
}

const root = document.getElementById("app");
if (root) render(<App />, root);
