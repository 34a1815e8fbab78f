/** Consultations (issue: consultations by email, end to end). */
export function registerConsultationsDomain(): void {}
