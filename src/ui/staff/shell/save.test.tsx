// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, it } from 'vitest';
import { renderStaff } from '../test-support/render-staff.js';
import { Notices, Refusals } from './notices.js';
import { useSave } from './save.js';

function SaveButton() {
  const save = useSave();
  return (
    <>
      <button type="button" onClick={() => void save('wallnotice.del', { id: 'w-1' })}>
        Gem
      </button>
      <Notices />
      <Refusals />
    </>
  );
}

it('says "Gemt" when the server applies a save, with the notice following the answer', async () => {
  const t = await renderStaff(<SaveButton />);
  fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
  await waitFor(() => expect(t.sent).toHaveLength(1));
  expect(screen.queryByText('Gemt')).toBeNull();
  await t.answer('m-1', 'applied');
  expect(screen.getByText('Gemt')).toBeTruthy();
});

it('says it is saved here while offline, and a refusal takes that notice away', async () => {
  const t = await renderStaff(<SaveButton />, { status: { state: 'offline' } });
  fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
  await screen.findByText('Gemt her. Sendes, når der er forbindelse.');
  await t.answer('m-1', { code: 'forbidden' });
  expect(screen.queryByText('Gemt her. Sendes, når der er forbindelse.')).toBeNull();
  await screen.findByText(/Ikke gemt/);
});
