import type { ClientListRow } from '../../db/clientIndex.ts';
import { WindowedList } from '../../ui/WindowedList.tsx';
import { ClientCardLink } from './ClientCardLink.tsx';

/** A card with its name and one line of details. */
const ESTIMATED_ROW_PX = 88;
/** About 440 px beyond each end of the view. */
const OVERSCAN = 5;

const keyOf = (client: ClientListRow) => client.id;
const renderClient = (client: ClientListRow) => <ClientCardLink client={client} />;

/** Every client on the device, windowed (WindowedList.tsx): a caseload of 10,000 shows as fast as one of twenty. */
export function ClientList({ clients }: { readonly clients: readonly ClientListRow[] }) {
  return (
    <WindowedList
      items={clients}
      keyOf={keyOf}
      estimatedItemPx={ESTIMATED_ROW_PX}
      overscan={OVERSCAN}
      className="client-list"
      itemClassName="client-card"
      renderItem={renderClient}
    />
  );
}
