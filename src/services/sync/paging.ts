import { validationMessage } from "../../errors";
import { InvalidParameter } from "./errors";

/**
 * The page size of a List operation: its default when not given. The model sets maxResults no minimum,
 * but a page of none (or fewer) cannot be answered, so below 1 is refused as AWS refuses a range.
 */
export function maxResultsOf(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value < 1) throw InvalidParameter(validationMessage([`Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`]));
  return value;
}
