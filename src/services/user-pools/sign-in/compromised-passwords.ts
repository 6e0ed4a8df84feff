import { dictionary } from "@zxcvbn-ts/language-common";
import type { Services } from "../../services";
import { poolCompromisedPasswords } from "./threat-state";

/**
 * Which passwords count as compromised. Cognito checks against breach corpora it does not publish; the
 * emulator uses the list of ~49,000 commonly breached passwords bundled with @zxcvbn-ts/language-common
 * (lower case), plus the passwords a fixture declares compromised for a pool (`CompromisedPasswords`).
 *
 * The rule, deterministic and simple: a password is compromised when one of these forms of it, lower-cased,
 * is on either list:
 *   1. the whole password                              ("Password123!" -> "password123!")
 *   2. without its trailing symbols                    ("Password123!" -> "password123")
 *   3. without its trailing digits and symbols         ("Password123!" -> "password")
 * Forms 2 and 3 count only when at least MIN_STEM characters remain, so that "Xk9!" is not "xk".
 */
export const MIN_STEM = 4;

let bundled: ReadonlySet<string> | undefined;

function bundledList(): ReadonlySet<string> {
  bundled ??= new Set(dictionary["passwords-common"] as string[]);
  return bundled;
}

/** The forms of a password that are looked up, in the order above, without repeats. */
export function lookupForms(password: string): string[] {
  const folded = password.toLowerCase();
  const withoutSymbols = folded.slice(0, trailingStart(folded, isLetterOrDigit));
  const withoutDigitsOrSymbols = folded.slice(0, trailingStart(folded, isLetter));
  const forms = [folded];
  for (const stem of [withoutSymbols, withoutDigitsOrSymbols]) if (stem.length >= MIN_STEM && !forms.includes(stem)) forms.push(stem);
  return forms.filter((form) => form.length > 0);
}

/** Whether the password is on the bundled list or the pool's own, by the rule above. */
export function isCompromisedPassword(services: Services, poolId: string, password: string): boolean {
  const forms = lookupForms(password);
  const list = bundledList();
  if (forms.some((form) => list.has(form))) return true;
  const declared = poolCompromisedPasswords(services, poolId);
  if (!declared.length) return false;
  const own = new Set(declared.map((entry) => entry.toLowerCase()));
  return forms.some((form) => own.has(form));
}

/** Where the run of trailing characters that fail `keep` starts (a linear scan from the end). */
function trailingStart(text: string, keep: (char: string) => boolean): number {
  const chars = [...text];
  let end = chars.length;
  while (end > 0 && !keep(chars[end - 1])) end--;
  return chars.slice(0, end).join("").length;
}

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isLetter = (char: string) => LETTER.test(char);
const isLetterOrDigit = (char: string) => LETTER_OR_DIGIT.test(char);
