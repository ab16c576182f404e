// @vitest-environment jsdom
/**
 * "Opret center" as a municipal admin meets it: the slug suggested from the name as it is typed
 * (æøå folded to ASCII) until they write their own, the rules under the fields before any
 * mistake, Danish errors beside each field and in a summary that links to them in the form's
 * order, nothing sent while a field is wrong, a taken slug said on the slug field, and a
 * confirmation that never shows the password.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CreateCentrePage, type Created } from './create-centre.js';
import { CreatedPage } from './created-page.js';
import { fakeServer, json, renderMunicipal } from './test-support/render-municipal.js';

const CREATE = 'POST /api/municipal/centres';

function renderForm() {
  const onCreated = vi.fn<(made: Created) => void>();
  const onSignedOut = vi.fn();
  renderMunicipal(
    <CreateCentrePage onCreated={onCreated} onBack={() => undefined} onSignedOut={onSignedOut} />,
  );
  return { onCreated, onSignedOut, user: userEvent.setup() };
}

const slugField = () => screen.getByLabelText<HTMLInputElement>('Kort navn til adressen');

async function fillAdmin(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Fulde navn'), 'Birthe Holm');
  await user.type(screen.getByLabelText('Brugernavn'), 'birthe');
  await user.type(screen.getByLabelText('Adgangskode'), 'correct horse battery');
}

describe('the slug', () => {
  it('is suggested from the name as it is typed, æøå folded to ASCII', async () => {
    fakeServer({});
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Centrets navn'), 'Ærtebjerg Bo');
    expect(slugField().value).toBe('aertebjerg-bo');
    expect(screen.getByText(/Foreslået ud fra navnet/)).toBeTruthy();
    // The address it makes is shown beside the rule.
    expect(screen.getByText(/aertebjerg-bo\.localhost/)).toBeTruthy();
    await user.clear(screen.getByLabelText('Centrets navn'));
    await user.type(screen.getByLabelText('Centrets navn'), 'Bofællesskabet Åbrinken');
    expect(slugField().value).toBe('bofaellesskabet-aabrinken');
  });

  it('stays as the user wrote it once they change it, and follows the name again when cleared', async () => {
    fakeServer({});
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Centrets navn'), 'Søndervang');
    await user.clear(slugField());
    await user.type(slugField(), 'vang');
    await user.type(screen.getByLabelText('Centrets navn'), ' Syd');
    expect(slugField().value).toBe('vang');
    expect(screen.queryByText(/Foreslået ud fra navnet/)).toBeNull();
    await user.clear(slugField());
    await user.type(screen.getByLabelText('Centrets navn'), 's');
    expect(slugField().value).toBe('soendervang-syds');
  });

  it('shows its rule before any mistake', () => {
    fakeServer({});
    renderForm();
    expect(screen.getByText(/2–30 tegn: små bogstaver a–z, tal og bindestreg/)).toBeTruthy();
    expect(screen.getByText(/Mindst 8 tegn/)).toBeTruthy();
    expect(screen.getByText(/2–64 tegn: bogstaver a–z, tal og \. _ @ -/)).toBeTruthy();
  });

  it.each([
    ['www', 'Det korte navn er forbeholdt systemet. Vælg et andet.'],
    ['eg--birk', 'Det korte navn må ikke have to bindestreger i træk.'],
    ['-eg', 'Det korte navn skal være 2–30 tegn'],
    ['e', 'Det korte navn skal være 2–30 tegn'],
    ['æble', 'Det korte navn skal være 2–30 tegn'],
    ['Eg', 'Det korte navn skal være 2–30 tegn'],
  ])('refuses %s in plain Danish, sending nothing', async (slug, message) => {
    const sent = fakeServer({});
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Centrets navn'), 'Eg');
    await user.clear(slugField());
    await user.type(slugField(), slug);
    await fillAdmin(user);
    await user.click(screen.getByRole('button', { name: 'Opret center' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain(message);
    expect(slugField().getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
  });
});

describe('the form', () => {
  it('lists every mistake in a summary linking to each field in the order shown', async () => {
    const sent = fakeServer({});
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Brugernavn'), 'birthe holm');
    await user.type(screen.getByLabelText('Adgangskode'), 'kort');
    await user.click(screen.getByRole('button', { name: 'Opret center' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Der er et problem')).toBeTruthy();
    // GOV.UK's pattern: the summary takes the focus, so it is read first.
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual([
      '#field-name',
      '#field-slug',
      '#field-admin-displayName',
      '#field-admin-username',
      '#field-admin-password',
    ]);
    expect(links.map((l) => l.textContent)).toEqual([
      'Centrets navn skal udfyldes',
      expect.stringContaining('Det korte navn skal være 2–30 tegn') as string,
      'Fulde navn skal udfyldes',
      expect.stringContaining('Brugernavnet skal være 2–64 tegn') as string,
      'Adgangskoden skal være mindst 8 tegn.',
    ]);
    expect(sent).toEqual([]);
    await user.click(links[3] as HTMLElement);
    expect(document.activeElement).toBe(screen.getByLabelText('Brugernavn'));
  });

  it('refuses a name over 200 characters and a display name over 80', async () => {
    fakeServer({});
    const { user } = renderForm();
    await user.click(screen.getByLabelText('Centrets navn'));
    await user.paste('x'.repeat(201));
    await user.type(screen.getByLabelText('Fulde navn'), 'y'.repeat(81));
    await user.click(screen.getByRole('button', { name: 'Opret center' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Højst 200 tegn');
    expect(summary.textContent).toContain('Højst 80 tegn');
  });

  it('says a taken slug beside the slug field (the server’s 409)', async () => {
    const sent = fakeServer({ [CREATE]: json(409, { error: 'exists', message: 'taken' }) });
    const { user, onCreated } = renderForm();
    await user.type(screen.getByLabelText('Centrets navn'), 'Eg');
    await fillAdmin(user);
    await user.click(screen.getByRole('button', { name: 'Opret center' }));
    const summary = await screen.findByRole('alert');
    const message = 'Der er allerede et center med det korte navn eg. Vælg et andet.';
    expect(summary.textContent).toContain(message);
    expect(slugField().getAttribute('aria-invalid')).toBe('true');
    expect(slugField().getAttribute('aria-describedby')).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('sends the centre and its admin, and hands on the address and username', async () => {
    const sent = fakeServer({
      [CREATE]: json(201, { slug: 'eg', name: 'Eg', url: 'https://eg.kommune.example.dk' }),
    });
    const { user, onCreated } = renderForm();
    await user.type(screen.getByLabelText('Centrets navn'), 'Eg');
    await fillAdmin(user);
    await user.click(screen.getByRole('button', { name: 'Opret center' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(sent[0]?.body).toEqual({
      name: 'Eg',
      slug: 'eg',
      timeZone: 'Europe/Copenhagen',
      admin: { displayName: 'Birthe Holm', username: 'birthe', password: 'correct horse battery' },
    });
    expect(onCreated.mock.calls[0]?.[0]).toEqual({
      centre: { slug: 'eg', name: 'Eg', url: 'https://eg.kommune.example.dk' },
      username: 'birthe',
    });
  });

  it('says a lost connection and a signed-out session plainly', async () => {
    fakeServer({ [CREATE]: [json(500, {}), json(401, {})] });
    const { user, onSignedOut } = renderForm();
    await user.type(screen.getByLabelText('Centrets navn'), 'Eg');
    await fillAdmin(user);
    await user.click(screen.getByRole('button', { name: 'Opret center' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Centret blev ikke oprettet: serveren svarede ikke som ventet. Prøv igen om lidt.',
    );
    await user.click(screen.getByRole('button', { name: 'Opret center' }));
    await waitFor(() => expect(onSignedOut).toHaveBeenCalled());
  });
});

describe('the confirmation', () => {
  it("gives the centre's staff address and the admin's username, never a password", () => {
    renderMunicipal(
      <CreatedPage
        made={{
          centre: { slug: 'eg', name: 'Eg', url: 'https://eg.kommune.example.dk' },
          username: 'birthe',
        }}
        onAnother={() => undefined}
        onBack={() => undefined}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Centret Eg er oprettet');
    const link = screen.getByRole('link', { name: 'https://eg.kommune.example.dk/staff/' });
    expect(link.getAttribute('href')).toBe('https://eg.kommune.example.dk/staff/');
    expect(document.body.textContent).toContain('med brugernavnet birthe');
    expect(document.body.textContent).not.toContain('correct horse battery');
  });
});
