/**
 * The page's h1, focused when the page opens: after a hash navigation a screen reader or
 * keyboard user starts from the new page's title, not from the link they left.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · DJ Booker Pro`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
