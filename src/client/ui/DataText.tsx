import type { ReactNode } from 'react';

/** Fields whose values read left to right in every language: digits and Latin addresses, not prose. */
const leftToRightFields: ReadonlySet<string> = new Set(['phone', 'email']);

/**
 * A value someone typed, shown inside translated text. It is isolated (`<bdi>`) so its direction and the page's
 * cannot scramble each other: without this, "+358 40 123 4567" reads "4567 123 40 358+" in Arabic.
 */
export function DataText({ field, empty = false, children }: { readonly field: string; readonly empty?: boolean; readonly children: ReactNode }) {
  return <bdi dir={leftToRightFields.has(field) && !empty ? 'ltr' : undefined}>{children}</bdi>;
}

/** A translated sentence with a value in it, the value isolated as DataText. `sentence` gets SLOT for the value. */
export const SLOT = '\u0000';
export function withDataText(sentence: string, value: ReactNode): ReactNode {
  const [before = '', after = ''] = sentence.split(SLOT);
  return (
    <>
      {before}
      {value}
      {after}
    </>
  );
}
