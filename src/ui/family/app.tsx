/** The relatives' pages: not built yet (issue 10); says so plainly in both languages. */
export function FamilyApp() {
  return (
    <main
      style={{ maxWidth: '32rem', margin: '3rem auto', fontSize: '1.25rem', padding: '0 1rem' }}
    >
      <h1>Borgerguide</h1>
      <p>Siden for pårørende er ikke klar endnu.</p>
      <p lang="en">The page for relatives is not ready yet.</p>
    </main>
  );
}
