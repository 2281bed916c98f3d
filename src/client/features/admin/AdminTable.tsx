import type { ReactNode } from 'react';

export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
}

interface AdminTableProps<T> {
  readonly caption: string;
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
}

/**
 * The admin screens' tables. The first column heads its row; every cell carries its column's name, which the narrow
 * layout (styles.css, `.admin-table`) draws when each row becomes a card.
 */
export function AdminTable<T extends { readonly id: string }>({ caption, columns, rows }: AdminTableProps<T>) {
  return (
    <table className="admin-table">
      <caption className="result-count">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c.header}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            {columns.map((c, i) =>
              i === 0 ? (
                <th scope="row" key={c.header} data-label={c.header}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.header} data-label={c.header}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
