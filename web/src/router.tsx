// A small history router: the path is the state, links push it, and the server answers every client path with
// index.html (marquee's SPA fallback), so a reload or a shared link opens the same screen.
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** The current path and query, re-rendering on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [here, setHere] = useState(() => window.location.pathname + window.location.search);
  useEffect(() => {
    const update = () => setHere(window.location.pathname + window.location.search);
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  const url = new URL(here, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

type AnchorProps = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** An `<a>` that navigates in place (a modified click still opens a new tab). */
export function Link({ href, children, ...rest }: AnchorProps) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
