/**
 * The client list, windowed: only the rows in view (and a few either side) are in the document, so showing 10,000
 * clients costs what showing twenty does. It stays what it was for everyone else: a list of links in the page's
 * own scroll, each a Tab stop in order, and each item tells assistive technology its place in the whole list
 * (`aria-posinset` of `aria-setsize`), so "item 5 of 10,000" is read although 9,980 are not in the document.
 *
 * @tanstack/react-virtual does the windowing (react-aria-components' Virtualizer builds a React element for every
 * item of its collection, which took over a second for 10,000 at 4x CPU slowdown). Each rendered row is measured,
 * so a card that wraps (320 px wide, 200 % zoom) takes the room it needs. The row that holds focus stays rendered
 * when it is scrolled out of view, so focus is never dropped to the page.
 */
import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent } from 'react';
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import type { ClientListRow } from '../../db/clientIndex.ts';
import { ClientListItem } from './ClientListItem.tsx';

/** A card with its name and one line of details; the real height is measured once a row is rendered. */
const ESTIMATED_ROW_PX = 88;
const GAP_PX = 8;
const OVERSCAN = 5;

export function ClientList({ clients }: { readonly clients: readonly ClientListRow[] }) {
  const list = useRef<HTMLUListElement>(null);
  // Where the list starts in the page, which the window's scroll position is measured from.
  const [listTop, setListTop] = useState(0);
  const [focused, setFocused] = useState<number | null>(null);
  // What is above the list changes height with the filter's result count, the language and the window's width.
  useLayoutEffect(() => {
    const measure = () => {
      const top = list.current?.getBoundingClientRect().top;
      if (top !== undefined) setListTop(top + window.scrollY);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [clients]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return focused === null || focused >= range.count || indexes.includes(focused) ? indexes : [...indexes, focused].sort((a, b) => a - b);
    },
    [focused],
  );
  const rows = useWindowVirtualizer({
    count: clients.length,
    estimateSize: () => ESTIMATED_ROW_PX,
    gap: GAP_PX,
    overscan: OVERSCAN,
    scrollMargin: listTop,
    getItemKey: (index) => clients[index]?.id ?? index,
    rangeExtractor,
  });
  const onFocus = (event: FocusEvent<HTMLUListElement>) => {
    const index = (event.target as HTMLElement).closest('li')?.dataset['index'];
    setFocused(index === undefined ? null : Number(index));
  };
  return (
    <ul ref={list} className="client-list" style={{ blockSize: rows.getTotalSize() }} onFocus={onFocus} onBlur={() => setFocused(null)}>
      {rows.getVirtualItems().map((row) => {
        const client = clients[row.index];
        return client === undefined ? null : (
          <ClientListItem
            key={row.key}
            ref={rows.measureElement}
            client={client}
            index={row.index}
            setSize={clients.length}
            offset={row.start - listTop}
          />
        );
      })}
    </ul>
  );
}
