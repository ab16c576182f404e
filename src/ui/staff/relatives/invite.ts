/**
 * The invitation's secret, made here in the browser: 256 random bits as 43 base64url characters
 * (the protocol's InvitationToken). The server stores only its hash, so this page is the one
 * place the link exists: it is shown once, then forgotten.
 */
export function newInvitationToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The link a relative opens: the token after `#`, so it never reaches a server log or Referer. */
export const invitationLink = (origin: string, token: string): string =>
  `${origin}/family/invite#${token}`;
