/** Consultations are shown to people as C-<id>; the database id is the number. */
export function displayId(id: number): string {
  return `C-${id}`;
}

/** "C-12" (as the rules' parseConsultationId normalises it) → 12; null for anything else. */
export function numericId(displayed: string): number | null {
  const m = /^C-(\d{1,15})$/i.exec(displayed.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The stable web address of a consultation in the decision register (PUBLIC_URL/decisions/C-12). */
export function decisionUrl(publicUrl: string, id: number): string {
  return `${publicUrl.replace(/\/+$/, '')}/decisions/${displayId(id)}`;
}
