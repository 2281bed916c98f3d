import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';

interface TextInputProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly description?: string;
  readonly type?: 'text' | 'email' | 'tel' | 'date' | 'datetime-local' | 'number' | 'search' | 'password';
  readonly isRequired?: boolean;
  readonly isReadOnly?: boolean;
  readonly multiline?: boolean;
  readonly autoComplete?: string;
  readonly inputMode?: 'numeric' | 'text';
  readonly lang?: string;
}

/** A labelled text field whose error, when there is one, is tied to it for assistive technology. */
export function TextInput({ label, value, onChange, error, description, type = 'text', isRequired, isReadOnly, multiline, autoComplete, inputMode, lang }: TextInputProps) {
  return (
    <TextField
      className="field"
      value={value}
      onChange={onChange}
      isInvalid={error !== undefined}
      isRequired={isRequired ?? false}
      isReadOnly={isReadOnly ?? false}
      type={type === 'date' || type === 'datetime-local' || type === 'number' ? 'text' : type}
      autoComplete={autoComplete}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      {multiline ? (
        <TextArea className="field-input field-textarea" rows={6} lang={lang} />
      ) : (
        <Input
          className="field-input"
          type={type}
          inputMode={inputMode}
          lang={lang}
        />
      )}
      {description !== undefined && <Text slot="description" className="field-description">{description}</Text>}
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}
