/**
 * Signing a resident up on their behalf (a React Aria ComboBox: type a name or pick from the
 * list; a resident without wall consent is marked, ADMIN-UX "privacy in view"), and the
 * attendance tick for one resident.
 */
import { useState } from 'react';
import {
  Button,
  Checkbox,
  ComboBox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../domain/model.js';

interface PickerProps {
  residents: readonly Resident[];
  /** Residents already confirmed or waiting: shown, but not offered again. */
  signedUp: ReadonlySet<string>;
  onAdd: (residentId: string) => void;
}

export function ResidentPicker({ residents, signedUp, onAdd }: PickerProps) {
  const { t } = useTranslation('staffActivities');
  const [chosen, setChosen] = useState<string | null>(null);
  const [text, setText] = useState('');
  const sorted = [...residents].sort((a, b) => a.displayName.localeCompare(b.displayName, 'da'));
  const add = () => {
    if (chosen === null || signedUp.has(chosen)) return;
    onAdd(chosen);
    setChosen(null);
    setText('');
  };
  return (
    <div className="acts-resident-picker">
      <ComboBox
        className="field"
        selectedKey={chosen}
        inputValue={text}
        onInputChange={setText}
        onSelectionChange={(key) => {
          setChosen(key === null ? null : String(key));
          const r = residents.find((x) => x.id === key);
          if (r) setText(r.displayName);
        }}
        disabledKeys={[...signedUp]}
        menuTrigger="focus"
      >
        <Label>{t('page.addLabel')}</Label>
        <Text slot="description">{t('page.addHelp')}</Text>
        <div className="acts-combo">
          <Input className="acts-combo-input" />
          <Button className="acts-combo-button" aria-label={t('page.showResidents')}>
            <span aria-hidden="true">▾</span>
          </Button>
        </div>
        <Popover className="popover">
          <ListBox
            className="listbox"
            renderEmptyState={() => <p className="acts-listbox-empty">{t('page.noResidents')}</p>}
          >
            {sorted.map((r) => (
              <ListBoxItem
                key={r.id}
                id={r.id}
                textValue={r.displayName}
                className="listbox-item acts-resident-option"
              >
                <span>{r.displayName}</span>
                {!r.wallConsent && <span className="badge warn">{t('page.noConsent')}</span>}
                {signedUp.has(r.id) && <span className="muted">{t('page.alreadyOn')}</span>}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </ComboBox>
      <button
        type="button"
        className="button primary"
        onClick={add}
        disabled={chosen === null || signedUp.has(chosen)}
      >
        {t('page.addButton')}
      </button>
    </div>
  );
}

export function AttendanceBox(props: {
  label: string;
  present: boolean;
  onChange: (present: boolean) => void;
}) {
  return (
    <Checkbox
      className="checkbox attendance"
      aria-label={props.label}
      isSelected={props.present}
      onChange={props.onChange}
    >
      <span className="checkbox-box" aria-hidden="true" />
    </Checkbox>
  );
}
