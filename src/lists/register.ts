/** Lists, organisation and email commands (issue: organisation, chapter lists and email commands). */
export function registerListsDomain(): void {}
