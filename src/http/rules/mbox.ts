/**
 * One message as an mbox entry (mboxrd): a "From " separator line, the
 * message with line ends as LF, body lines that start with ">*From " get one
 * more ">", and a blank line after. Pure; the caller removes tokens first.
 */
export function mboxEntry(raw: string, sender: string, date: Date): string {
  const separator = `From ${sender.replace(/\s+/g, '') || 'MAILER-DAEMON'} ${asctime(date)}`;
  const text = raw.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1');
  return `${separator}\n${text}${text.endsWith('\n') ? '' : '\n'}\n`;
}

/** "Mon Nov  2 09:05:07 2026" in UTC, as mbox separators write dates. */
function asctime(d: Date): string {
  const [weekday, , month] = d.toUTCString().split(' ');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${weekday!.replace(',', '')} ${month} ${day} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`;
}
