import { useTranslation } from 'react-i18next';
import { Checkbox, CheckboxGroup, FieldError, Label, Text } from 'react-aria-components';
import { municipalities, type Municipality } from '#shared/schema/common.ts';
import { CheckMark } from '../../ui/CheckMark.tsx';

interface MunicipalityChoiceProps {
  readonly value: readonly Municipality[];
  readonly onChange: (value: Municipality[]) => void;
  readonly error?: string | undefined;
}

/** The municipalities an account belongs to: a counsellor may serve several, staff and coordinators one. */
export function MunicipalityChoice({ value, onChange, error }: MunicipalityChoiceProps) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <CheckboxGroup
      className="field checkbox-group"
      value={[...value]}
      onChange={(v) => onChange(v as Municipality[])}
      isInvalid={error !== undefined}
      validationBehavior="aria"
    >
      <Label className="field-label">{t('form.municipalities')}</Label>
      <Text slot="description" className="field-description">
        {t('form.municipalitiesHelp')}
      </Text>
      {municipalities.map((m) => (
        <Checkbox key={m} value={m} className="checkbox">
          <CheckMark />
          {t(`common:municipality.${m}`)}
        </Checkbox>
      ))}
      <FieldError className="field-error">{error}</FieldError>
    </CheckboxGroup>
  );
}
