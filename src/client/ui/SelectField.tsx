import type { Key } from 'react-aria-components';
import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

export interface Option {
  readonly id: string;
  readonly label: string;
  /** The language the option's text is in, when it differs from the page (a language's own name). */
  readonly lang?: string;
}

interface SelectFieldProps {
  readonly label: string;
  readonly options: readonly Option[];
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly placeholder?: string;
  readonly isRequired?: boolean;
  readonly className?: string;
}

export function SelectField({ label, options, value, onChange, error, placeholder, isRequired, className }: SelectFieldProps) {
  return (
    <Select
      className={`field ${className ?? ''}`}
      value={value === '' ? null : value}
      onChange={(key: Key | null) => onChange(key === null ? '' : String(key))}
      isInvalid={error !== undefined}
      isRequired={isRequired ?? false}
      placeholder={placeholder ?? ''}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      <Button className="field-input select-button">
        <SelectValue className="select-value" />
        <span aria-hidden="true" className="select-chevron">▾</span>
      </Button>
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="select-popover">
        <ListBox className="select-list" items={options}>
          {(o) => (
            <ListBoxItem className="select-option" id={o.id} textValue={o.label} lang={o.lang}>
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
