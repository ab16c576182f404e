/**
 * Whose plan: a resident or a group, in one list. A resident without wall consent is marked, so
 * staff know their personal items do not show on the shared screen (ADMIN-UX "Privacy in view").
 */
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Group, Resident } from '../../../domain/model.js';

export interface Owner {
  residentId: string | null;
  groupId: string | null;
}

export const ownerOf = (key: string): Owner =>
  key.startsWith('r:')
    ? { residentId: key.slice(2), groupId: null }
    : { residentId: null, groupId: key.slice(2) };

export function OwnerSelect({
  groups,
  residents,
  value,
  onChange,
}: {
  groups: readonly Group[];
  residents: readonly Resident[];
  value: string | null;
  onChange: (key: string) => void;
}) {
  const { t } = useTranslation('staffDayStructure');
  const choices = [
    ...[...groups]
      .sort((a, b) => a.name.localeCompare(b.name, 'da'))
      .map((g) => ({ id: `g:${g.id}`, label: t('groupSuffix', { name: g.name }) })),
    ...[...residents]
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'da'))
      .map((r) => ({
        id: `r:${r.id}`,
        label: r.wallConsent ? r.displayName : t('noWallConsent', { name: r.displayName }),
      })),
  ];
  return (
    <Select
      className="field"
      selectedKey={value}
      onSelectionChange={(key) => onChange(String(key))}
    >
      <Label>{t('owner')}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          {choices.map((c) => (
            <ListBoxItem key={c.id} id={c.id} className="listbox-item" textValue={c.label}>
              {c.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
