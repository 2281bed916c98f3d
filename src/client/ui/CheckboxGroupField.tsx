import { Checkbox, CheckboxGroup, FieldError, Label } from 'react-aria-components';
import { CheckMark } from './CheckMark.tsx';

export interface CheckboxSection {
  readonly id: string;
  readonly title: string;
  readonly options: readonly { readonly id: string; readonly label: string }[];
}

interface CheckboxGroupFieldProps {
  readonly label: string;
  readonly sections: readonly CheckboxSection[];
  readonly value: readonly string[];
  readonly onChange: (value: string[]) => void;
  readonly error?: string | undefined;
}

/** Many choices in titled sections, as one labelled group with one error message. */
export function CheckboxGroupField({ label, sections, value, onChange, error }: CheckboxGroupFieldProps) {
  return (
    <CheckboxGroup className="field checkbox-group" value={[...value]} onChange={onChange} isInvalid={error !== undefined} validationBehavior="aria">
      <Label className="field-label">{label}</Label>
      <div className="checkbox-sections">
        {sections.map((s) => (
          <div key={s.id} className="checkbox-section" role="group" aria-labelledby={`section-${s.id}`}>
            <span id={`section-${s.id}`} className="checkbox-section-title">{s.title}</span>
            {s.options.map((o) => (
              <Checkbox key={o.id} value={o.id} className="checkbox">
        <CheckMark />
                {o.label}
              </Checkbox>
            ))}
          </div>
        ))}
      </div>
      <FieldError className="field-error">{error}</FieldError>
    </CheckboxGroup>
  );
}
