/**
 * A long list, windowed: only the items in view (and a few either side) are in the document, so a list of 10,000
 * costs what a list of twenty does. It stays what a list is for everyone else: items in the page's own scroll, every
 * link and button a Tab stop in order, and each item tells assistive technology its place in the whole list
 * (`aria-posinset` of `aria-setsize`), so "item 5 of 10,000" is read although 9,980 are not in the document.
 *
 * @tanstack/react-virtual does the windowing (react-aria-components' Virtualizer builds a React element for every
 * item of its collection, which took over a second for 10,000 at 4x CPU slowdown). Every rendered item is measured
 * and re-measured when its size changes, so an item that wraps (320 px wide, 200 % zoom) or opens a disclosure takes
 * the room it needs. The item that holds focus stays rendered when it is scrolled out of view, so focus is never
 * dropped to the page.
 */
import { memo, useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type ReactNode, type Ref } from 'react';
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';

const GAP_PX = 8;

interface Props<T> {
  readonly items: readonly T[];
  readonly keyOf: (item: T) => string;
  /** A typical item's height; the real one is measured once the item is rendered. */
  readonly estimatedItemPx: number;
  /**
   * Items rendered beyond each end of the view, so that scrolling does not show a gap. Every one is rendered and
   * laid out before the list is first shown, so large items need fewer.
   */
  readonly overscan: number;
  readonly as?: 'ul' | 'ol';
  readonly className: string;
  readonly itemClassName: string;
  /** Keep it stable (a module-level function): items re-render only when their own data changes. */
  readonly renderItem: (item: T) => ReactNode;
}

export function WindowedList<T>({ items, keyOf, estimatedItemPx, overscan, as: List = 'ul', className, itemClassName, renderItem }: Props<T>) {
  const list = useRef<HTMLUListElement & HTMLOListElement>(null);
  // Where the list starts in the page, which the window's scroll position is measured from.
  const [listTop, setListTop] = useState(0);
  const [focused, setFocused] = useState<number | null>(null);
  // What is above the list changes height with its content, the language and the window's width.
  useLayoutEffect(() => {
    const measure = () => {
      const top = list.current?.getBoundingClientRect().top;
      if (top !== undefined) setListTop(top + window.scrollY);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [items]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return focused === null || focused >= range.count || indexes.includes(focused) ? indexes : [...indexes, focused].sort((a, b) => a - b);
    },
    [focused],
  );
  const rows = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => estimatedItemPx,
    gap: GAP_PX,
    overscan,
    scrollMargin: listTop,
    // Measured sizes are kept by position, the virtualizer's default. Keeping them by item (the client's id) cost a
    // map lookup of every item's id whenever the list changed: about 50 ms for 10,000 at 4x CPU slowdown, at every
    // unlock. An item gets its own size measured as soon as it is rendered anyway.
    rangeExtractor,
  });
  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const index = (event.target as Element).closest<HTMLElement>('[data-index]')?.dataset['index'];
    setFocused(index === undefined ? null : Number(index));
  };
  return (
    <List ref={list} className={`windowed-list ${className}`} style={{ blockSize: rows.getTotalSize() }} onFocus={onFocus} onBlur={() => setFocused(null)}>
      {rows.getVirtualItems().map((row) => {
        const item = items[row.index];
        return item === undefined ? null : (
          <WindowedItem
            key={keyOf(item)}
            ref={rows.measureElement}
            item={item}
            index={row.index}
            setSize={items.length}
            offset={row.start - listTop}
            className={itemClassName}
            renderItem={renderItem as (item: unknown) => ReactNode}
          />
        );
      })}
    </List>
  );
}

interface ItemProps {
  readonly item: unknown;
  readonly index: number;
  readonly setSize: number;
  /** Where the item goes, from the start of the list. */
  readonly offset: number;
  readonly className: string;
  readonly renderItem: (item: unknown) => ReactNode;
  readonly ref: Ref<HTMLLIElement>;
}

const WindowedItem = memo(function WindowedItem({ item, index, setSize, offset, className, renderItem, ref }: ItemProps) {
  return (
    <li
      ref={ref}
      className={`windowed-item ${className}`}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      style={{ transform: `translateY(${offset}px)` }}
    >
      {renderItem(item)}
    </li>
  );
});
