import { useId } from 'react';
import type { Option } from './SelectField.tsx';

interface NativeSelectFieldProps {
  readonly label: string;
  readonly options: readonly Option[];
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly className?: string;
}

/**
 * The browser's own select, for a choice that is always on screen and must cost nothing to show (the language, the
 * client list's filters): no code to load, a few elements to render rather than a popover's collection (each of
 * the popover selects took 25–40 ms to render at 4x CPU slowdown), fully accessible, and on a phone the system's own
 * picker. Forms keep SelectField, whose error and required state this does not take.
 */
export function NativeSelectField({ label, options, value, onChange, className }: NativeSelectFieldProps) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field-input" value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
