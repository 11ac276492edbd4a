import type { ReactNode } from 'react';

/** One labelled figure of a `<dl className="figures">`: the term above, the value below. */
export function Figure({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
