/** An address under /family that is no page: says so and links back to the week. */
import { Link } from 'wouter';
import { useWords } from './lang.js';
import { shellWords } from './words.js';

export function NotFound() {
  const w = useWords(shellWords).notFound;
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.body}</p>
      <Link href="/" className="family-button family-link-button">
        {w.link}
      </Link>
    </>
  );
}
