/** One line of `tacit doctor`: what was expected, what was found, and how to fix it. */
export interface Check {
  name: string;
  status: 'pass' | 'fail' | 'warn' | 'not-checked';
  expected: string;
  obtained: string;
  fix: string;
}

export const pass = (name: string, expected: string, obtained = expected): Check => ({ name, status: 'pass', expected, obtained, fix: '' });
export const notChecked = (name: string, why: string, fix = ''): Check => ({ name, status: 'not-checked', expected: '', obtained: why, fix });
