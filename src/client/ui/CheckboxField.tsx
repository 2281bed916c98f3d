import { Checkbox } from 'react-aria-components';
import { CheckMark } from './CheckMark.tsx';

interface CheckboxFieldProps {
  readonly label: string;
  readonly isSelected: boolean;
  readonly onChange: (selected: boolean) => void;
}

export function CheckboxField({ label, isSelected, onChange }: CheckboxFieldProps) {
  return (
    <Checkbox className="checkbox" isSelected={isSelected} onChange={onChange}>
        <CheckMark />
      {label}
    </Checkbox>
  );
}
