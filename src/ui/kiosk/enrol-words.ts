/** What went wrong with enrolling the kiosk, in plain Danish (shown to the staff member doing it). */
export function enrolErrorText(error: string, serverMessage: string): string {
  switch (error) {
    case 'code_expired':
      return 'Koden er udløbet. Den virker kun i 10 minutter. Bed personalet om en ny kode.';
    case 'code_used':
      return 'Koden er allerede brugt. Bed personalet om en ny kode.';
    case 'code_unknown':
    case 'invalid':
      return 'Koden findes ikke. Tjek koden, eller bed personalet om en ny kode.';
    case 'device_revoked':
      return 'Personalet har fjernet denne skærm. Bed dem om en ny kode.';
    case 'rate_limited':
      return 'Der har været for mange forsøg. Vent et minut, og prøv igen.';
    case 'network':
      return 'Skærmen kan ikke få forbindelse til serveren. Prøv igen om lidt.';
    default:
      return serverMessage || 'Skærmen kunne ikke tilmeldes. Bed personalet om hjælp.';
  }
}
